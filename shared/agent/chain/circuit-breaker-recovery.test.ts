import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCircuitBreaker } from './circuit-breaker.ts';

/** A probe the test answers by hand. */
function heldProbe() {
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  return { probe: () => new Promise<void>((resolve, reject) => void pending.push({ resolve, reject })), pending };
}

describe('circuit breaker: recovery probes', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('failures while open schedule no second probe and keep the time it opened', () => {
    let t = 1000;
    const { probe, pending } = heldProbe();
    const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 10, probe, now: () => t });
    breaker.trip();
    expect(breaker.snapshot()).toMatchObject({ state: 'open', failures: 1, openedAt: new Date(1000).toISOString() });
    t = 2000;
    breaker.trip();
    breaker.fail();
    expect(breaker.snapshot()).toMatchObject({ failures: 3, openedAt: new Date(1000).toISOString(), lastFailureAt: new Date(2000).toISOString() });
    vi.advanceTimersByTime(10);
    expect(pending).toHaveLength(1);
    breaker.dispose();
  });

  it('works without an onProbe listener: a failed probe is retried, a good one closes the breaker', async () => {
    const { probe, pending } = heldProbe();
    const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 10, probe });
    breaker.trip();
    await vi.advanceTimersByTimeAsync(10);
    pending.shift()!.reject(new Error('still down'));
    await vi.advanceTimersByTimeAsync(10);
    expect(breaker.isOpen()).toBe(true);
    pending.shift()!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(breaker.isOpen()).toBe(false);
    breaker.dispose();
  });

  it('dispose stops a scheduled probe, and a probe answering after dispose changes nothing', async () => {
    const scheduled = heldProbe();
    const idle = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 10, probe: scheduled.probe });
    idle.trip();
    idle.dispose();
    await vi.advanceTimersByTimeAsync(50);
    expect(scheduled.pending).toHaveLength(0);

    for (const outcome of ['resolve', 'reject'] as const) {
      const { probe, pending } = heldProbe();
      const outcomes: string[] = [];
      const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 10, probe, onProbe: (o) => outcomes.push(o) });
      breaker.trip();
      await vi.advanceTimersByTimeAsync(10);
      breaker.dispose();
      const call = pending.shift()!;
      if (outcome === 'resolve') call.resolve();
      else call.reject(new Error('down'));
      await vi.advanceTimersByTimeAsync(50);
      expect({ outcome, outcomes, open: breaker.isOpen(), probes: pending.length }).toEqual({ outcome, outcomes: [], open: true, probes: 0 });
    }
  });
});
