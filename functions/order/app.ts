import { createApp } from '../../shared/http/create-app.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { mountRoutes } from '../../shared/http/route-table.ts';
import { internalAuth, isStaffRequest, ownerAuth, staffAuth } from '../../shared/http/staff-auth.ts';
import type { OrderService } from '../../shared/orders/order-service.ts';
import type { FrameWriter } from './queue-frames.ts';
import { createQueueWatchers, DEFAULT_QUEUE_WATCH_LIMITS, type QueueWatchers, type QueueWatchLimits } from './queue-watchers.ts';
import { ORDER_ROUTES } from './routes.ts';

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
  mountRoutes(app, ORDER_ROUTES, {
    deps: { service, log, asStaff: isStaffRequest(staffToken, ownerToken), watchers, orderRatePerMinute },
    guards: { staff: staffAuth(staffToken, ownerToken), owner: ownerAuth(ownerToken), internal: internalAuth(internalToken) },
    check: async () => service.check(),
  });
  return app;
}
