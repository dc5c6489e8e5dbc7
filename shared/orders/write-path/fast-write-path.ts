import type Database from 'better-sqlite3';
import { eq, max, sql } from 'drizzle-orm';
import { compileStatement } from '../../db/compiled-statement.ts';
import type { Db } from '../../db/open-db.ts';
import { orderLines, orderStatusEvents, orders } from '../../db/schema.ts';
import { createWriteBatcher } from '../../db/write-batcher.ts';
import { createOrderIds, pooledRandom } from './order-ids.ts';
import type { NewLineRow, NewOrderRow, OrderWritePath } from './order-write-path.ts';

/**
 * The fast path (order-write-path.ts): the jobs of one event-loop turn share a transaction and
 * its commit (write-batcher.ts); the statements of an order are built by drizzle once and
 * compiled to plain better-sqlite3 statements (compiled-statement.ts); id bytes come from a pool.
 */
export function createFastWritePath(db: Db, sqlite: Database.Database): OrderWritePath {
  const p = sql.placeholder;
  const lastPickup = compileStatement<{ day: string }>(
    sqlite,
    db
      .select({ n: max(orders.pickupNumber) })
      .from(orders)
      .where(eq(orders.businessDay, p('day'))),
  );
  const insertOrderRow = compileStatement<NewOrderRow>(
    sqlite,
    db.insert(orders).values({
      id: p('id'),
      businessDay: p('businessDay'),
      pickupNumber: p('pickupNumber'),
      status: 'placed',
      total: p('total'),
      drinkCount: p('drinkCount'),
      customerName: p('customerName'),
      sessionId: p('sessionId'),
      channel: p('channel'),
      createdAt: p('at'),
      updatedAt: p('at'),
    }),
  );
  const insertLineRow = compileStatement<NewLineRow>(
    sqlite,
    db.insert(orderLines).values({
      id: p('lineId'),
      orderId: p('orderId'),
      position: p('position'),
      itemId: p('itemId'),
      size: p('size'),
      sugar: p('sugar'),
      ice: p('ice'),
      toppings: p('toppings'),
      quantity: p('quantity'),
      unitPrice: p('unitPrice'),
      lineTotal: p('lineTotal'),
      nameZh: p('nameZh'),
      nameEn: p('nameEn'),
      toppingPrices: p('toppingPrices'),
    }),
  );
  const insertEvent = compileStatement<{ orderId: string; at: string }>(
    sqlite,
    db.insert(orderStatusEvents).values({ orderId: p('orderId'), fromStatus: null, toStatus: 'placed', at: p('at') }),
  );

  return {
    ...createOrderIds(pooledRandom()),
    writeQueue: ({ afterCommit } = {}) => createWriteBatcher({ sqlite, ...(afterCommit ? { afterCommit } : {}) }),
    lastPickupNumber: (day) => lastPickup.value<number | null>({ day }) ?? null,
    insertOrder(order, lines) {
      insertOrderRow.run(order);
      for (const line of lines) insertLineRow.run(line);
      insertEvent.run({ orderId: order.id, at: order.at });
    },
  };
}
