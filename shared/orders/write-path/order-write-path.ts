import type { PricedLine } from '../../menu/pricing.ts';
import type { WriteQueue } from '../../db/write-job.ts';
import type { OrderChannel } from '../order-types.ts';
import type { OrderIds } from './order-ids.ts';

// How orders reach the database. The domain (order-store.ts, order-operations.ts,
// session-turns.ts) is written against this; two implementations keep one contract
// (order-write-path.contract.test.ts):
// - plain-write-path.ts: one transaction per write, drizzle queries, an id per randomBytes call;
// - fast-write-path.ts: group commit (shared/db/write-batcher.ts), statements compiled once
//   (shared/db/compiled-statement.ts), id bytes from a pool. The service runs it by default;
//   ORDER_FAST_PATH=off runs the plain one (npm run bench:orders compares them).

/** A new order's row, as the store computed it. */
export type NewOrderRow = {
  id: string;
  businessDay: string;
  pickupNumber: number;
  total: number;
  drinkCount: number;
  customerName: string | null;
  sessionId: string | null;
  channel: OrderChannel;
  at: string;
};

/** One of its lines, priced, with the names and topping prices it was ordered under. */
export type NewLineRow = PricedLine & { orderId: string; position: number; nameZh: string; nameEn: string; toppingPrices: number[] };

export type OrderWritePath = OrderIds & {
  /**
   * A queue of write jobs. `afterCommit` runs once per commit that wrote anything, with the
   * results of the jobs that succeeded, before any caller resumes.
   */
  writeQueue<T>(options?: { afterCommit?: (results: T[]) => void }): WriteQueue<T>;
  /** The day's highest pickup number so far; null before the day's first order. */
  lastPickupNumber(day: string): number | null;
  /** Inserts a placed order, its lines and its first status event. Call inside a write job. */
  insertOrder(order: NewOrderRow, lines: NewLineRow[]): void;
};
