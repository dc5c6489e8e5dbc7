import { describe, expect, it, vi } from 'vitest';
import { createCircuitBreaker } from './circuit-breaker.ts';

/** A probe the test answers by hand, counting how often the breaker asked. */
function manualProbe() {
  const calls: { resolve: () => void; reject: (error: Error) => void }[] = [];
  let waiter: (() => void) | undefined;
  return {
    probe: () =>
      new Promise<void>((resolve, reject) => {
        calls.push({ resolve, reject });
        waiter?.();
      }),
    calls,
    next: async () => {
      while (calls.length === 0) await new Promise<void>((resolve) => (waiter = resolve));
      return calls.shift()!;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive failures', () => {
    const breaker = createCircuitBreaker({ failureThreshold: 2, cooldownMs: 60_000, probe: async () => {} });
    breaker.fail();
    expect(breaker.isOpen()).toBe(false);
    breaker.fail();
    expect(breaker.isOpen()).toBe(true);
    expect(breaker.snapshot()).toMatchObject({ state: 'open', failures: 2 });
    breaker.dispose();
  });

  it('a success resets the count: failures must be consecutive to open it', () => {
    const breaker = createCircuitBreaker({ failureThreshold: 2, cooldownMs: 60_000, probe: async () => {} });
    breaker.fail();
    breaker.succeed();
    breaker.fail();
    expect(breaker.isOpen()).toBe(false);
    expect(breaker.snapshot().failures).toBe(1);
    expect(breaker.snapshot().lastGoodAt).not.toBeNull();
    breaker.dispose();
  });

  it('a timeout opens it at once', () => {
    const breaker = createCircuitBreaker({ failureThreshold: 3, cooldownMs: 60_000, probe: async () => {} });
    breaker.trip();
    expect(breaker.isOpen()).toBe(true);
    breaker.dispose();
  });

  it('while open, a background probe (not a customer) checks recovery once per cooldown and closes it', async () => {
    let t = 0;
    const probe = manualProbe();
    const outcomes: string[] = [];
    const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 10, probe: probe.probe, now: () => t, onProbe: (o) => outcomes.push(o) });
    breaker.trip();
    const first = await probe.next();
    first.reject(new Error('still hanging'));
    await tick();
    expect(breaker.isOpen()).toBe(true);
    t = 5000;
    const second = await probe.next();
    expect(probe.calls).toHaveLength(0); // one probe at a time
    second.resolve();
    await tick();
    expect(outcomes).toEqual(['still-down', 'recovered']);
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', failures: 0, lastGoodAt: new Date(5000).toISOString() });
    breaker.dispose();
  });

  it('a closed breaker runs no probes; dispose stops a scheduled one', () => {
    vi.useFakeTimers();
    try {
      let probes = 0;
      const breaker = createCircuitBreaker({ failureThreshold: 2, cooldownMs: 5, probe: async () => void (probes += 1) });
      breaker.fail();
      vi.advanceTimersByTime(50);
      expect(probes).toBe(0);
      breaker.fail();
      vi.advanceTimersByTime(5);
      expect(probes).toBe(1);
      breaker.dispose();
      breaker.trip();
      vi.advanceTimersByTime(50);
      expect(probes).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
