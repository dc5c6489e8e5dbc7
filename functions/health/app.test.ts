import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/http/logger.ts';
import type { HealthCheck } from '../../shared/http/function-module.ts';
import { createHealthApp, overallStatus } from './app.ts';

const ok = async (): Promise<HealthCheck> => ({ status: 'ok' });
const down = async (): Promise<HealthCheck> => ({ status: 'down', reason: 'db' });

describe('health function', () => {
  it('GET / lists every endpoint with its URL and the version', async () => {
    const app = createHealthApp({ log: silentLogger, checks: {}, urls: { chat: 'https://chat.example' } });
    const body = (await (await app.request('http://local:8000/')).json()) as any;
    expect(body.name).toBe('tea-order-agent');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(body.endpoints).sort()).toEqual(['chat', 'health', 'order', 'stt', 'tts']);
    expect(body.endpoints.chat.url).toBe('https://chat.example');
    expect(body.endpoints.order.url).toBe('http://local:8000');
  });

  it('aggregates: all ok → ok; a helper down → degraded; order down → down with 503', async () => {
    const run = async (checks: Record<string, () => Promise<HealthCheck>>) => {
      const response = await createHealthApp({ log: silentLogger, checks, urls: {} }).request('/health');
      return { status: response.status, body: (await response.json()) as any };
    };
    expect((await run({ order: ok, chat: ok })).body.status).toBe('ok');
    const degraded = await run({ order: ok, tts: down });
    expect(degraded).toMatchObject({ status: 200, body: { status: 'degraded', checks: { tts: { status: 'down' } } } });
    expect(await run({ order: down, tts: ok })).toMatchObject({ status: 503, body: { status: 'down' } });
  });

  it('a check that hangs or throws counts as down instead of hanging /health', async () => {
    const app = createHealthApp({
      log: silentLogger,
      checkTimeoutMs: 50,
      urls: {},
      checks: { order: ok, stt: () => new Promise<HealthCheck>(() => {}), tts: async () => Promise.reject(new Error('boom')) },
    });
    const body = (await (await app.request('/health')).json()) as any;
    expect(body.checks.stt).toMatchObject({ status: 'down' });
    expect(body.checks.tts).toMatchObject({ status: 'down', reason: 'boom' });
    expect(body.status).toBe('degraded');
  });

  it('overallStatus treats a missing order check as not down', () => {
    expect(overallStatus({})).toBe('ok');
  });
});
