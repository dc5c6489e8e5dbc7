import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from './circuit-breaker.ts';

describe('circuit breaker', () => {
  it('opens after the threshold, lets one probe through after the cooldown, and closes on success', () => {
    let t = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 2, cooldownMs: 1000, now: () => t });
    expect(breaker.tryAcquire()).toBe(true);
    breaker.fail();
    expect(breaker.state()).toBe('closed');
    breaker.fail();
    expect(breaker.state()).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    t = 1000;
    expect(breaker.state()).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false); // only one probe at a time
    breaker.succeed();
    expect(breaker.state()).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('a failed probe opens it for another full cooldown', () => {
    let t = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 1000, now: () => t });
    breaker.fail();
    t = 1500;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.fail();
    expect(breaker.state()).toBe('open');
    t = 2400;
    expect(breaker.tryAcquire()).toBe(false);
    t = 2500;
    expect(breaker.tryAcquire()).toBe(true);
  });
});
