import * as v from 'valibot';
import { createApp } from '../../shared/http/create-app.ts';
import type { HealthCheck } from '../../shared/http/function-module.ts';
import { HTTP_ERRORS } from '../../shared/http/http-errors.ts';
import { createRateLimiter, rateLimit } from '../../shared/http/rate-limit.ts';
import { mountRoutes } from '../../shared/http/route-table.ts';
import { OrderClientError } from '../../shared/order-client/order-client.ts';
import { asOrderServiceAppError } from '../../shared/order-client/order-service-error.ts';
import { CHAT_ROUTES, type ChatRouteDeps } from './routes.ts';

export type ChatAppDeps = Pick<ChatRouteDeps, 'orders' | 'runTurn' | 'log' | 'socketIdleMs'> & {
  allowedOrigins?: string[];
  trustProxyHops?: number;
  /** INTERNAL_API_TOKEN: lets web's /legacy name the end client it calls for (create-app.ts). */
  internalToken?: string;
  ratePerMinute: number;
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
  mountRoutes(app, CHAT_ROUTES, { deps: { orders, runTurn, log, socketIdleMs, limiter, limit, toError: asClientError }, check });
  return app;
}

/** Order-service failures become errors a customer can read; nothing internal leaks. */
function asClientError(error: unknown): unknown {
  if (error instanceof OrderClientError) return asOrderServiceAppError(error);
  if (error instanceof v.ValiError) return HTTP_ERRORS.raise('validation_failed', 'invalid message');
  return error;
}
