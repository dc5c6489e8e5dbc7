import type { Logger } from '../../shared/http/logger.ts';
import { routeTable } from '../../shared/http/route-table.ts';
import { ORDER_ERRORS, type OrderErrorCode } from '../../shared/orders/order-errors.ts';
import type { OrderService } from '../../shared/orders/order-service.ts';
import type { QueueWatchers } from './queue-watchers.ts';

/** What the order routes need, built once per app (app.ts). */
export type OrderRouteDeps = {
  service: OrderService;
  log: Logger;
  /** True for a request with the staff (or owner) token: the staff-view routes then show everything. */
  asStaff: (authorization: string | undefined) => boolean;
  /** The /queue/ws fan-out. */
  watchers: QueueWatchers;
  /** Per client, on POST /orders. */
  orderRatePerMinute: number;
};

/** A row of the order function's route table (routes.ts, menu-routes.ts, report-routes.ts, session-routes.ts). */
export const route = routeTable<OrderRouteDeps, OrderErrorCode>(ORDER_ERRORS);

export const idempotencyKeyHeader = {
  name: 'Idempotency-Key',
  description: 'optional; the same key with the same body answers the first result again (200)',
};
