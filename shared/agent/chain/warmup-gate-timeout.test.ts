import { describe, expect, it } from 'vitest';
import { createLogger } from '../../http/logger.ts';
import { waitFor } from '../../testing/wait-for.ts';
import { createWarmupGate, healthUrlFor } from './warmup-gate.ts';

function logCapture() {
  const lines: Record<string, unknown>[] = [];
  return { log: createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) }), lines };
}
const pick = (lines: Record<string, unknown>[]) => lines.map(({ level, msg, healthUrl, maxWaitMs }) => ({ level, msg, healthUrl, maxWaitMs }));

describe('warm-up gate: giving up and logging', () => {
  it('a GPU that never answers (network errors) is cold again after the longest wait, and can be woken anew', async () => {
    const { log, lines } = logCapture();
    const signals: unknown[] = [];
    const fetchFn = (async (_url: string, init?: RequestInit) => {
      signals.push(init?.signal);
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const gate = createWarmupGate({ healthUrl: 'http://gpu/health', log, pollMs: 5, maxWaitMs: 30, fetchFn });
    gate.wake();
    expect(gate.state()).toBe('waking');
    await waitFor(() => gate.state() === 'cold');
    expect(gate.isReady()).toBe(false);
    expect(signals.length).toBeGreaterThan(0);
    for (const signal of signals) expect(signal).toBeInstanceOf(AbortSignal);
    expect(pick(lines)).toEqual([
      { level: 'info', msg: 'waking provider', healthUrl: 'http://gpu/health', maxWaitMs: undefined },
      { level: 'warn', msg: 'provider did not become ready', healthUrl: 'http://gpu/health', maxWaitMs: 30 },
    ]);
    gate.wake();
    expect(gate.state()).toBe('waking');
    await waitFor(() => gate.state() === 'cold');
  });

  it('logs when the GPU answers, and counts it ready up to exactly the stale time', async () => {
    const { log, lines } = logCapture();
    let t = 0;
    const fetchFn = (async () => new Response(null, { status: 200 })) as unknown as typeof fetch;
    const gate = createWarmupGate({ healthUrl: 'http://gpu/health', log, pollMs: 5, staleAfterMs: 1000, fetchFn, now: () => t });
    gate.wake();
    await waitFor(() => gate.isReady());
    expect(pick(lines)).toEqual([
      { level: 'info', msg: 'waking provider', healthUrl: 'http://gpu/health', maxWaitMs: undefined },
      { level: 'info', msg: 'provider is ready', healthUrl: 'http://gpu/health', maxWaitMs: undefined },
    ]);
    t = 1000;
    expect(gate.isReady()).toBe(true);
    t = 1001;
    expect(gate.state()).toBe('cold');
  });

  it('the health URL is beside the API: trailing slashes and a final /v1 go, a /v1 inside the path stays', () => {
    expect(healthUrlFor('https://x.modal.run/v1//')).toBe('https://x.modal.run/health');
    expect(healthUrlFor('https://x.modal.run/v1beta/v1')).toBe('https://x.modal.run/v1beta/health');
  });
});
