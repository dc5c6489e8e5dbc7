import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

// Kept apart from rate-limit.test.ts: the eviction order exactly, with a tiny map and a frozen clock.
describe('createRateLimiter: least recently used eviction', () => {
  it('a client seen again moves to the back; a new client evicts the one seen longest ago', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxClients: 3, now: () => 0 });
    for (const key of ['a', 'b', 'c']) expect(limiter.take(key)).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0); // refused, and refreshed: order b, c, a
    expect(limiter.take('d')).toBe(0); // evicts b: c, a, d
    expect(limiter.size).toBe(3);
    expect(limiter.take('a')).toBeGreaterThan(0); // a was kept, still empty: c, d, a
    expect(limiter.take('c')).toBeGreaterThan(0); // c was kept: d, a, c
    expect(limiter.take('b')).toBe(0); // b was forgotten: a full bucket again; evicts d
    expect(limiter.take('d')).toBe(0); // d was evicted by b
  });

  it('an allowed take refreshes too', () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000, maxClients: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    expect(limiter.take('a')).toBe(0); // second token: a is now the most recent
    limiter.take('c'); // evicts b
    expect(limiter.take('a')).toBeGreaterThan(0); // a kept with its empty bucket
    expect(limiter.take('b')).toBe(0);
  });
});
