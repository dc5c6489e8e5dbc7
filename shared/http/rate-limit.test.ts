import { describe, expect, it } from 'vitest';
import { createApp } from './create-app.ts';
import { silentLogger } from './logger.ts';
import { createRateLimiter, rateLimit } from './rate-limit.ts';

describe('createRateLimiter', () => {
  it('allows a burst of `limit`, then refills evenly over the window', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 3, windowMs: 3000, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1000);
    now = 500;
    expect(limiter.take('a')).toBe(500);
    now = 1000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1000);
    expect(limiter.take('b')).toBe(0); // clients are independent
  });

  it('never refills past the burst size after a long idle', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 2, windowMs: 1000, now: () => now });
    limiter.take('a');
    now = 1_000_000;
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 0]);
    expect(limiter.take('a')).toBeGreaterThan(0);
  });

  it('remembers at most maxClients, forgetting the least recently seen', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxClients: 3, now: () => 0 });
    for (const key of ['a', 'b', 'c']) limiter.take(key);
    expect(limiter.take('a')).toBeGreaterThan(0); // a is now the most recent
    for (let i = 0; i < 1000; i += 1) limiter.take(`flood-${i}`);
    expect(limiter.size).toBe(3);
    expect(limiter.take('b')).toBe(0); // b was forgotten: a full bucket again
  });

  it('refuses a nonsensical configuration', () => {
    expect(() => createRateLimiter({ limit: 0, windowMs: 1000 })).toThrow(RangeError);
  });
});

describe('rateLimit middleware', () => {
  const build = (limit: number, trustProxyHops = 1) => {
    const app = createApp({ name: 'test', log: silentLogger, trustProxyHops });
    app.post('/thing', rateLimit({ name: 'thing', limit, windowMs: 60_000 }), (c) => c.json({ ok: true }));
    return app;
  };

  it('answers 429 in the error shape with Retry-After, per client as the proxy saw it', async () => {
    const app = build(2);
    // The proxy appends the address it saw; whatever the client wrote before it is ignored.
    const send = (ip: string, spoofed = 'client-chosen') => app.request('/thing', { method: 'POST', headers: { 'X-Forwarded-For': `${spoofed}, ${ip}` } });
    expect((await send('1.1.1.1', 'a')).status).toBe(200);
    expect((await send('1.1.1.1', 'b')).status).toBe(200);
    const limited = await send('1.1.1.1', 'c');
    expect(limited.status).toBe(429);
    // One token refills in 30 s; a loaded machine may have spent some of that already.
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    const body = (await limited.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/thing/);
    expect((await send('2.2.2.2')).status).toBe(200); // another client still passes
  });

  it('with no trusted proxy (the default) ignores X-Forwarded-For: rotating it bypasses nothing', async () => {
    const app = build(2, 0);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await app.request('/thing', { method: 'POST', headers: { 'X-Forwarded-For': `10.0.0.${i}` } })).status);
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it('works in app.request() without a socket (all such callers share one key)', async () => {
    const app = build(1);
    expect((await app.request('/thing', { method: 'POST' })).status).toBe(200);
    expect((await app.request('/thing', { method: 'POST' })).status).toBe(429);
  });
});
