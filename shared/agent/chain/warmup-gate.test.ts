import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../http/logger.ts';
import { waitFor } from '../../testing/wait-for.ts';
import { createWarmupGate, healthUrlFor } from './warmup-gate.ts';

describe('warm-up gate', () => {
  it('polls the health URL in the background and opens once it answers 200', async () => {
    let healthy = false;
    const probes: string[] = [];
    const fetchFn = (async (url: string) => {
      probes.push(url);
      return new Response(null, { status: healthy ? 200 : 503 });
    }) as unknown as typeof fetch;
    const gate = createWarmupGate({ healthUrl: 'http://gpu/health', log: silentLogger, pollMs: 5, fetchFn });
    expect(gate.isReady()).toBe(false);
    gate.wake();
    gate.wake(); // one poller, not two
    await waitFor(() => probes.length >= 2); // it polled, was refused, and polls on
    expect(gate.state()).toBe('waking');
    healthy = true;
    await waitFor(() => gate.isReady(), { timeoutMs: 20_000 });
    expect(new Set(probes)).toEqual(new Set(['http://gpu/health']));
  });

  it('one poller at a time: a second wake() while waking or ready sends no probe of its own', async () => {
    const answers: ((status: number) => void)[] = [];
    let probes = 0;
    const fetchFn = (() => {
      probes += 1;
      return new Promise<Response>((resolve) => answers.push((status) => resolve(new Response(null, { status }))));
    }) as unknown as typeof fetch;
    const gate = createWarmupGate({ healthUrl: 'http://gpu/health', log: silentLogger, pollMs: 5, fetchFn });
    gate.wake();
    gate.wake();
    gate.wake();
    expect(probes).toBe(1); // the poller's first probe goes out synchronously; no second poller
    answers.shift()!(200);
    while (!gate.isReady()) await new Promise((resolve) => setImmediate(resolve));
    gate.wake();
    expect(probes).toBe(1);
    expect(answers).toHaveLength(0);
  });

  it('counts a model idle for longer than its scale-down as cold again', async () => {
    let t = 0;
    const fetchFn = (async () => new Response(null, { status: 200 })) as unknown as typeof fetch;
    const gate = createWarmupGate({ healthUrl: 'http://gpu/health', log: silentLogger, pollMs: 5, staleAfterMs: 1000, fetchFn, now: () => t });
    gate.wake();
    await waitFor(() => gate.isReady(), { timeoutMs: 20_000 });
    t = 900;
    gate.markUp(); // a real call answered
    t = 1800;
    expect(gate.isReady()).toBe(true);
    t = 2000;
    expect(gate.isReady()).toBe(false);
    expect(gate.state()).toBe('cold');
  });

  it('finds vLLM health beside its /v1 API', () => {
    expect(healthUrlFor('https://x.modal.run/v1/')).toBe('https://x.modal.run/health');
  });
});
