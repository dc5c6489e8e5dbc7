import { upgradeWebSocket } from '@hono/node-server';
import { AppError } from '../../shared/errors.ts';
import { clientIdentity } from '../../shared/http/client-key.ts';
import { createApp } from '../../shared/http/create-app.ts';
import { mountHealthz } from '../../shared/http/function-module.ts';
import { mountOpenApi } from '../../shared/openapi/mount-openapi.ts';
import { ORDER_DOC } from './openapi.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { rateLimit } from '../../shared/http/rate-limit.ts';
import { internalAuth, isStaffRequest, ownerAuth, staffAuth } from '../../shared/http/staff-auth.ts';
import { jsonBody, queryParams } from '../../shared/http/validate.ts';
import { mountMenuRoutes } from './menu-routes.ts';
import { mountReportRoutes } from './report-routes.ts';
import { parseIdempotencyKey } from '../../shared/orders/idempotency.ts';
import type { OrderService } from '../../shared/orders/order-service.ts';
import { SessionAliasRequestSchema } from '../../shared/sessions/session-alias-schema.ts';
import { SessionCommitSchema } from '../../shared/sessions/session-types.ts';
import {
  CheckoutSchema,
  CreateOrderSchema,
  CreateSessionSchema,
  ListOrdersQuerySchema,
  LookupQuerySchema,
  StatusChangeSchema,
} from '../../shared/orders/order-schemas.ts';
import type { FrameWriter } from './queue-frames.ts';
import { createQueueWatchers, DEFAULT_QUEUE_WATCH_LIMITS, type QueueWatchers, type QueueWatchLimits } from './queue-watchers.ts';

const MENU_BODY_LIMIT = 512 * 1024;

export type OrderAppDeps = {
  service: OrderService;
  log: Logger;
  staffToken?: string;
  /** The owner's routes (the menu and its prices); also opens the staff routes. */
  ownerToken?: string;
  allowedOrigins?: string[];
  trustProxyHops?: number;
  /** Guards /sessions… when set (Modal: chat holds it too). */
  internalToken?: string;
  /** Per client, on POST /orders. */
  orderRatePerMinute?: number;
  /** /queue/ws caps and pacing; defaults in queue-watchers.ts. */
  queueWatchLimits?: Partial<QueueWatchLimits>;
  /** How /queue/ws snapshots are written (queue-frames.ts); the plain path by default. */
  queueFrames?: FrameWriter;
  /** The /queue/ws fan-out, when the caller wants to look at it (tests); else built here. */
  queueWatchers?: QueueWatchers;
};

export function createOrderApp({
  service,
  log,
  staffToken,
  ownerToken,
  internalToken,
  allowedOrigins,
  trustProxyHops = 0,
  orderRatePerMinute = 120,
  queueWatchLimits,
  queueFrames,
  queueWatchers,
}: OrderAppDeps) {
  // A whole menu (PUT /menu) may be a few hundred drinks; everything else keeps the default limit.
  const app = createApp({ name: 'order', log, trustProxyHops, bodyLimits: { 'PUT /menu': MENU_BODY_LIMIT }, ...(allowedOrigins ? { allowedOrigins } : {}) });
  const watchers =
    queueWatchers ??
    createQueueWatchers({
      snapshot: () => service.queue(),
      subscribe: (listener) => service.onQueueChange(listener),
      limits: { ...DEFAULT_QUEUE_WATCH_LIMITS, ...queueWatchLimits },
      log,
      ...(queueFrames ? { frames: queueFrames } : {}),
    });
  const staff = staffAuth(staffToken, ownerToken);
  const internal = internalAuth(internalToken);
  const asStaff = isStaffRequest(staffToken, ownerToken);

  mountHealthz(app, 'order', async () => service.check());
  mountOpenApi(app, ORDER_DOC);

  const owner = ownerAuth(ownerToken);
  mountMenuRoutes(app, { service, log, staff, owner });
  mountReportRoutes(app, { reports: service.reports, owner });

  app.post('/orders', rateLimit({ name: 'orders', limit: orderRatePerMinute, windowMs: 60_000 }), jsonBody(CreateOrderSchema), async (c) => {
    const key = parseIdempotencyKey(c.req.header('idempotency-key'));
    const { order, replayed } = await service.createOrder(c.req.valid('json'), key);
    return c.json(order, replayed ? 200 : 201);
  });

  app.get('/orders', staff, queryParams(ListOrdersQuerySchema), (c) => c.json({ orders: service.listOrders(c.req.valid('query')) }));

  // Public views by default (no names, no ids a stranger did not already have); the staff
  // token gets everything.
  app.get('/orders/lookup', queryParams(LookupQuerySchema), (c) =>
    c.json(service.lookup(c.req.valid('query'), { staff: asStaff(c.req.header('authorization')) })),
  );

  app.get('/orders/:id', (c) => {
    const id = c.req.param('id');
    const order = asStaff(c.req.header('authorization')) ? service.getOrder(id) : service.getPublicOrder(id);
    if (!order) throw new AppError(404, 'order_not_found', 'no such order');
    return c.json(order);
  });

  app.get('/orders/:id/events', staff, (c) => {
    if (!service.getOrder(c.req.param('id'))) throw new AppError(404, 'order_not_found', 'no such order');
    return c.json({ events: service.statusEvents(c.req.param('id')) });
  });

  app.patch('/orders/:id', staff, jsonBody(StatusChangeSchema), (c) => c.json(service.changeStatus(c.req.param('id'), c.req.valid('json').status)));

  app.get('/queue', (c) => c.json(asStaff(c.req.header('authorization')) ? service.staffQueue() : service.queue()));

  app.get(
    '/queue/ws',
    upgradeWebSocket((c) => {
      const client = clientIdentity(c);
      return watchers.events(client.known ? client.key : undefined);
    }),
  );

  app.post('/sessions', internal, jsonBody(CreateSessionSchema), async (c) => c.json(await service.createSession(c.req.valid('json').lang), 201));

  app.post('/sessions/aliases', internal, jsonBody(SessionAliasRequestSchema), async (c) => {
    const { alias, fresh, lang } = c.req.valid('json');
    return c.json(await service.sessionForAlias(alias, fresh, lang));
  });

  app.get('/sessions/:id', internal, (c) => {
    const session = service.getSession(c.req.param('id'));
    if (!session) throw new AppError(404, 'session_not_found', 'no such session');
    return c.json(session);
  });

  app.post('/sessions/:id/commit', internal, jsonBody(SessionCommitSchema), async (c) => {
    const key = parseIdempotencyKey(c.req.header('idempotency-key'));
    return c.json(await service.commitSession(c.req.param('id'), c.req.valid('json'), key));
  });

  app.post('/sessions/:id/checkout', internal, jsonBody(CheckoutSchema), (c) => {
    const key = parseIdempotencyKey(c.req.header('idempotency-key'));
    const { session, order, replayed } = service.checkout(c.req.param('id'), c.req.valid('json').expectedVersion, key);
    return c.json({ session, order }, replayed ? 200 : 201);
  });

  return app;
}
