import { describe, expect, it } from 'vitest';
import { createApp } from './create-app.ts';
import { silentLogger } from './logger.ts';
import { createRateLimiter, rateLimit } from './rate-limit.ts';

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

describe('createRateLimiter and rateLimit: configuration and the refusal (Stryker survivors)', () => {
  it('refuses a window or a limit below 1 with a message that says so; 1 and 1 ms are fine', () => {
    const message = 'rate limit needs limit >= 1 and windowMs >= 1';
    expect(() => createRateLimiter({ limit: 1, windowMs: 0 })).toThrow(new RangeError(message));
    expect(() => createRateLimiter({ limit: 1, windowMs: 0.5 })).toThrow(RangeError);
    expect(() => createRateLimiter({ limit: 0.5, windowMs: 1000 })).toThrow(new RangeError(message));
    expect(createRateLimiter({ limit: 1, windowMs: 1, now: () => 0 }).take('a')).toBe(0);
  });

  it('the 429 carries retryAfterSeconds in its details, matching Retry-After', async () => {
    const app = createApp({ name: 'test', log: silentLogger });
    app.post('/thing', rateLimit({ name: 'thing', limit: 1, windowMs: 60_000, keyFor: () => 'one' }), (c) => c.json({ ok: true }));
    expect((await app.request('/thing', { method: 'POST' })).status).toBe(200);
    const limited = await app.request('/thing', { method: 'POST' });
    expect(limited.status).toBe(429);
    const seconds = Number(limited.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual({
      error: { code: 'rate_limited', message: `too many thing requests; try again in ${seconds} s`, details: { retryAfterSeconds: seconds } },
    });
  });
});
