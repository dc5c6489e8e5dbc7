import { upgradeWebSocket } from '@hono/node-server';
import * as v from 'valibot';
import type { createChatTurnRunner } from '../../shared/agent/run-chat-turn.ts';
import { AppError } from '../../shared/errors.ts';
import { createApp } from '../../shared/http/create-app.ts';
import { mountHealthz, type HealthCheck } from '../../shared/http/function-module.ts';
import { mountOpenApi } from '../../shared/openapi/mount-openapi.ts';
import { CHAT_DOC } from './openapi.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { clientIdentity } from '../../shared/http/client-key.ts';
import { createRateLimiter, rateLimit } from '../../shared/http/rate-limit.ts';
import { jsonBody } from '../../shared/http/validate.ts';
import { OrderClientError, type OrderClient } from '../../shared/order-client/order-client.ts';
import { asOrderServiceAppError } from '../../shared/order-client/order-service-error.ts';
import { ChatRequestSchema } from './schemas.ts';
import { createChatSocketHandlers, socketTurnBudget } from './socket.ts';

export type ChatAppDeps = {
  orders: OrderClient;
  runTurn: ReturnType<typeof createChatTurnRunner>;
  log: Logger;
  allowedOrigins?: string[];
  trustProxyHops?: number;
  /** INTERNAL_API_TOKEN: lets web's /legacy name the end client it calls for (create-app.ts). */
  internalToken?: string;
  ratePerMinute: number;
  socketIdleMs: number;
  check: () => Promise<HealthCheck>;
};

export function createChatApp({ orders, runTurn, log, allowedOrigins, trustProxyHops = 0, internalToken, ratePerMinute, socketIdleMs, check }: ChatAppDeps) {
  const app = createApp({
    name: 'chat',
    log,
    trustProxyHops,
    ...(internalToken ? { internalToken } : {}),
    ...(allowedOrigins ? { allowedOrigins } : {}),
    bodyLimitBytes: 16 * 1024,
    toAppError: asClientError,
  });
  // One bucket per client for POST /chat, socket opens and every turn on a socket.
  const limiter = createRateLimiter({ limit: ratePerMinute, windowMs: 60_000 });
  const limit = rateLimit({ name: 'chat', limit: ratePerMinute, windowMs: 60_000, limiter });
  mountHealthz(app, 'chat', check);
  mountOpenApi(app, CHAT_DOC);

  app.post('/chat', limit, jsonBody(ChatRequestSchema), async (c) => c.json(await runTurn(c.req.valid('json'), { signal: c.req.raw.signal })));

  app.get(
    '/chat/ws',
    (c, next) => (clientIdentity(c).known ? limit(c, next) : next()),
    upgradeWebSocket((c) =>
      createChatSocketHandlers({ runTurn, log, idleMs: socketIdleMs, toError: asClientError, takeTurn: socketTurnBudget(limiter, clientIdentity(c)) }),
    ),
  );

  app.get('/chat/:sessionId', async (c) => {
    const id = c.req.param('sessionId');
    if (!/^[\w-]{1,64}$/.test(id)) throw new AppError(400, 'validation_failed', 'sessionId is not valid');
    const session = await orders.getSession(id);
    if (!session) throw new AppError(404, 'session_not_found', 'no such chat session');
    return c.json({
      sessionId: session.id,
      lang: session.lang,
      state: session.state,
      cart: session.cart,
      draft: session.draft,
      lastOrderId: session.lastOrderId,
      // What the customer saw: their messages and the replies, not the tool traffic.
      history: session.history
        .filter((message) => message.role === 'user' || (message.role === 'assistant' && message.content))
        .map(({ role, content, at }) => ({ role, content, ...(at ? { at } : {}) })),
    });
  });

  return app;
}

/** Order-service failures become errors a customer can read; nothing internal leaks. */
function asClientError(error: unknown): unknown {
  if (error instanceof OrderClientError) return asOrderServiceAppError(error);
  if (error instanceof v.ValiError) return new AppError(400, 'validation_failed', 'invalid message');
  return error;
}
