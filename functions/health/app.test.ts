import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/http/logger.ts';
import type { HealthCheck } from '../../shared/http/function-module.ts';
import type { FunctionDoc } from '../../shared/openapi/route-doc.ts';
import { CHAT_DOC } from '../chat/routes.ts';
import { ORDER_DOC } from '../order/routes.ts';
import { STT_DOC } from '../stt/routes.ts';
import { TTS_DOC } from '../tts/routes.ts';
import { WEB_DOC } from '../web/routes.ts';
import { createHealthApp, listFunctionRoutes } from './app.ts';
import { HEALTH_DOC, overallStatus } from './routes.ts';

const ok = async (): Promise<HealthCheck> => ({ status: 'ok' });
const down = async (): Promise<HealthCheck> => ({ status: 'down', reason: 'db' });

describe('health function', () => {
  it('GET / lists every endpoint with its URL and the version', async () => {
    const app = createHealthApp({ log: silentLogger, checks: {}, urls: { chat: 'https://chat.example' } });
    const body = (await (await app.request('http://local:8000/')).json()) as any;
    expect(body.name).toBe('tea-order-agent');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(body.endpoints).sort()).toEqual(['chat', 'health', 'order', 'stt', 'tts', 'web']);
    expect(body.endpoints.chat.url).toBe('https://chat.example');
    expect(body.endpoints.order.url).toBe('http://local:8000');
    // Derived from each function's route table (held to its app by functions/openapi.test.ts), not a hand-kept list.
    for (const doc of [ORDER_DOC, CHAT_DOC, STT_DOC, TTS_DOC, HEALTH_DOC, WEB_DOC]) {
      expect(body.endpoints[doc.name].routes).toHaveLength(doc.routes.length);
    }
    expect(body.endpoints.order.routes).toEqual(
      expect.arrayContaining(['GET /orders/lookup', 'GET /orders/:id/events (staff)', 'PATCH /orders/:id (staff)', 'GET /queue/ws']),
    );
    expect(body.endpoints.web.routes).toContain('GET /docs');
  });

  it('listFunctionRoutes names each route by method and path, marking the staff and owner ones', () => {
    const routes = listFunctionRoutes([
      {
        name: 'demo',
        title: 'demo',
        description: 'demo',
        routes: [
          { method: 'GET', path: '/a', summary: 'a', tag: 't', responses: {} },
          { method: 'PATCH', path: '/b/:id', summary: 'b', tag: 't', auth: 'staff', responses: {} },
          { method: 'PUT', path: '/c', summary: 'c', tag: 't', auth: 'owner', responses: {} },
          { method: 'POST', path: '/d', summary: 'd', tag: 't', auth: 'internal', responses: {} },
        ],
      },
    ] as FunctionDoc[]);
    expect(routes).toEqual({ demo: ['GET /a', 'PATCH /b/:id (staff)', 'PUT /c (owner)', 'POST /d'] });
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
