import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/http/logger.ts';
import { OrderClientError, type OrderClient } from '../../shared/order-client/order-client.ts';
import { createChatApp, type ChatAppDeps } from './app.ts';

// Order-service failures reach the customer through the app's one onError, not per-route catches.
function appFailingWith(error: OrderClientError) {
  const fail = async () => {
    throw error;
  };
  return createChatApp({
    orders: { getSession: fail } as unknown as OrderClient,
    runTurn: fail as unknown as ChatAppDeps['runTurn'],
    log: silentLogger,
    ratePerMinute: 100,
    socketIdleMs: 60_000,
    check: async () => ({ status: 'ok' }),
  });
}

const postChat = (app: ReturnType<typeof createChatApp>) =>
  app.request('/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'hi' }) });

describe('chat routes on order-service failures', () => {
  it('answer 503 order_service_unavailable when the order service is down', async () => {
    const app = appFailingWith(new OrderClientError(502, 'upstream_unreachable', 'connect ECONNREFUSED'));
    for (const response of [await postChat(app), await app.request('/chat/sess-1')]) {
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe('order_service_unavailable');
    }
  });

  it("pass the order service's own 4xx through", async () => {
    const app = appFailingWith(new OrderClientError(409, 'version_conflict', 'the session changed'));
    const response = await postChat(app);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { code: 'version_conflict', message: 'the session changed' } });
  });
});
