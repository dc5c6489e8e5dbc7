import { describe, expect, it } from 'vitest';
import { createApp } from './create-app.ts';
import { type HealthCheck, mountHealthz } from './function-module.ts';
import { silentLogger } from './logger.ts';

describe('mountHealthz', () => {
  it('answers /healthz/<name> with the check: 200 while ok or degraded, 503 when down', async () => {
    let result: HealthCheck = { status: 'ok' };
    const app = createApp({ name: 'order', log: silentLogger });
    mountHealthz(app, 'order', async () => result);
    for (const [status, code] of [
      ['ok', 200],
      ['degraded', 200],
      ['down', 503],
    ] as const) {
      result = { status, db: 'detail' };
      const res = await app.request('/healthz/order');
      expect(res.status, status).toBe(code);
      expect(await res.json()).toEqual({ status, db: 'detail' });
    }
    expect((await app.request('/healthz/chat')).status).toBe(404);
  });
});
