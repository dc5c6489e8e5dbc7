import { eq, max } from 'drizzle-orm';
import type { Db } from '../../db/open-db.ts';
import { orderLines, orderStatusEvents, orders } from '../../db/schema.ts';
import { runSync, type WriteJob, type WriteQueue } from '../../db/write-job.ts';
import { createOrderIds, plainRandom } from './order-ids.ts';
import type { NewLineRow, NewOrderRow, OrderWritePath } from './order-write-path.ts';

/** The plain path (order-write-path.ts): each job its own IMMEDIATE transaction, drizzle queries built per call. */
export function createPlainWritePath(db: Db): OrderWritePath {
  return {
    ...createOrderIds(plainRandom),

    writeQueue<T>({ afterCommit }: { afterCommit?: (results: T[]) => void } = {}): WriteQueue<T> {
      return {
        async run<R extends T>(job: WriteJob<R>): Promise<R> {
          const value = db.transaction(() => runSync(job), { behavior: 'immediate' });
          afterCommit?.([value]);
          return value;
        },
      };
    },

    lastPickupNumber(day: string): number | null {
      return (
        db
          .select({ n: max(orders.pickupNumber) })
          .from(orders)
          .where(eq(orders.businessDay, day))
          .get()?.n ?? null
      );
    },

    insertOrder(order: NewOrderRow, lines: NewLineRow[]): void {
      db.insert(orders)
        .values({ ...order, status: 'placed', createdAt: order.at, updatedAt: order.at })
        .run();
      db.insert(orderLines)
        .values(lines.map(({ lineId, name: _name, ...line }) => ({ ...line, id: lineId })))
        .run();
      db.insert(orderStatusEvents).values({ orderId: order.id, fromStatus: null, toStatus: 'placed', at: order.at }).run();
    },
  };
}
