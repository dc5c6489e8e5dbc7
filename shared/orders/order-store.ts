import { and, asc, count, desc, eq, inArray, lt, lte, or, sum } from 'drizzle-orm';
import type { Db } from '../db/open-db.ts';
import { orderLines, orderStatusEvents, orders } from '../db/schema.ts';
import type { ValidLine } from '../menu/line-schema.ts';
import type { Catalog } from '../menu/catalog.ts';
import { priceLines, type PricedLine } from '../menu/pricing.ts';
import type * as v from 'valibot';
import { businessDayOf } from './business-day.ts';
import { ORDER_ERRORS } from './order-errors.ts';
import type { CreateOrderSchema } from './order-schemas.ts';
import type { Order, OrderChannel, OrderStatus } from './order-types.ts';
import type { OrderWritePath } from './write-path/order-write-path.ts';
import { transitionRefusal } from './status-machine.ts';

/** An order request after the schema check. */
export type NewOrder = v.InferOutput<typeof CreateOrderSchema>;

type OrderRow = typeof orders.$inferSelect;
type LineRow = typeof orderLines.$inferSelect;

/**
 * businessDayOf (Intl formatting) for instants in the same minute gives the same day, since
 * time-zone offsets in use are whole minutes; remember the last answer.
 */
function cachedBusinessDay(timeZone: string): (instant: Date) => string {
  let minute = Number.NaN;
  let day = '';
  return (instant) => {
    const m = Math.floor(instant.getTime() / 60_000);
    if (m !== minute) {
      day = businessDayOf(instant, timeZone);
      minute = m;
    }
    return day;
  };
}

/**
 * Orders in SQLite. Every write runs inside the caller's transaction (`tx`) when given one,
 * so a session checkout and its order are one atomic change.
 */
export function createOrderStore({ db, writePath, timeZone }: { db: Db; writePath: OrderWritePath; timeZone: string }) {
  const dayOf = cachedBusinessDay(timeZone);
  /** Inserts a priced order with the day's next pickup number. Call inside a transaction. */
  function insertOrder(input: NewOrder, catalog: Catalog, now: Date, channel: OrderChannel = 'counter'): Order {
    // Line ids are primary keys: always the server's, never one a client (a session's cart) chose.
    const priced = priceLines(input.lines.map(withoutLineId), catalog, writePath.lineId);
    if (priced.lines.length === 0) throw ORDER_ERRORS.raise('empty_order', 'an order needs at least one line');
    const day = dayOf(now);
    const pickupNumber = (writePath.lastPickupNumber(day) ?? 0) + 1;
    const at = now.toISOString();
    const id = writePath.orderId();
    writePath.insertOrder(
      {
        id,
        businessDay: day,
        pickupNumber,
        total: priced.total,
        drinkCount: priced.lines.reduce((sum, line) => sum + line.quantity, 0),
        customerName: input.customerName ?? null,
        sessionId: input.sessionId ?? null,
        channel,
        at,
      },
      priced.lines.map((line, position) => ({
        ...line,
        orderId: id,
        position,
        nameZh: line.name.zh,
        nameEn: line.name.en,
        toppingPrices: line.toppings.map((topping) => catalog.topping(topping)?.price ?? 0),
      })),
    );
    return {
      id,
      pickupCode: String(pickupNumber),
      status: 'placed',
      lines: priced.lines,
      total: priced.total,
      currency: catalog.currency,
      createdAt: at,
      updatedAt: at,
      ...(input.customerName ? { customerName: input.customerName } : {}),
    };
  }

  function linesOf(tx: Db, orderIds: string[]): Map<string, PricedLine[]> {
    const byOrder = new Map<string, PricedLine[]>();
    if (orderIds.length === 0) return byOrder;
    const rows = tx.select().from(orderLines).where(inArray(orderLines.orderId, orderIds)).orderBy(asc(orderLines.position)).all();
    for (const row of rows) {
      const list = byOrder.get(row.orderId) ?? [];
      list.push(toLine(row));
      byOrder.set(row.orderId, list);
    }
    return byOrder;
  }

  function toOrders(tx: Db, rows: OrderRow[]): Order[] {
    const lines = linesOf(
      tx,
      rows.map((row) => row.id),
    );
    return rows.map((row) => toOrder(row, lines.get(row.id) ?? []));
  }

  return {
    insertOrder,

    getOrder(id: string, tx: Db = db): Order | null {
      const row = tx.select().from(orders).where(eq(orders.id, id)).get();
      return row ? toOrders(tx, [row])[0]! : null;
    },

    findByPickupCode(pickupCode: string, now: Date): Order | null {
      if (!/^\d{1,6}$/.test(pickupCode)) return null;
      const row = db
        .select()
        .from(orders)
        .where(and(eq(orders.businessDay, dayOf(now)), eq(orders.pickupNumber, Number(pickupCode))))
        .get();
      return row ? toOrders(db, [row])[0]! : null;
    },

    listOrders({ status, limit }: { status?: OrderStatus; limit: number }): Order[] {
      const rows = db
        .select()
        .from(orders)
        .where(status ? eq(orders.status, status) : undefined)
        .orderBy(desc(orders.createdAt))
        .limit(limit)
        .all();
      return toOrders(db, rows);
    },

    /** Orders in the given statuses, oldest first (the queue). */
    listByStatus(statuses: readonly OrderStatus[], order: 'oldest' | 'newest', limit: number, tx: Db = db): Order[] {
      const rows = tx
        .select()
        .from(orders)
        .where(inArray(orders.status, [...statuses]))
        .orderBy(...(order === 'oldest' ? [asc(orders.createdAt), asc(orders.id)] : [desc(orders.updatedAt)]))
        .limit(limit)
        .all();
      return toOrders(tx, rows);
    },

    /**
     * The orders waiting to be made (placed, preparing) up to and including `order`, in queue
     * order (createdAt, then id), and their drinks: its position and ETA without building the queue.
     */
    waitingUpTo(order: Pick<Order, 'id' | 'createdAt'>): { orders: number; drinks: number } {
      const row = db
        .select({ orders: count(), drinks: sum(orders.drinkCount) })
        .from(orders)
        .where(
          and(
            inArray(orders.status, ['placed', 'preparing']),
            or(lt(orders.createdAt, order.createdAt), and(eq(orders.createdAt, order.createdAt), lte(orders.id, order.id))),
          ),
        )
        .get();
      return { orders: row?.orders ?? 0, drinks: Number(row?.drinks ?? 0) };
    },

    changeStatus(id: string, to: OrderStatus, now: Date): Order {
      return db.transaction((tx) => {
        const row = tx.select().from(orders).where(eq(orders.id, id)).get();
        if (!row) throw ORDER_ERRORS.raise('order_not_found', `no order ${id}`);
        const refused = transitionRefusal(row.status, to);
        if (refused) throw ORDER_ERRORS.raise('invalid_transition', refused, { from: row.status, to });
        const at = now.toISOString();
        tx.update(orders).set({ status: to, updatedAt: at }).where(eq(orders.id, id)).run();
        tx.insert(orderStatusEvents).values({ orderId: id, fromStatus: row.status, toStatus: to, at }).run();
        return toOrders(tx, [{ ...row, status: to, updatedAt: at }])[0]!;
      });
    },

    statusEvents(id: string) {
      return db
        .select({ from: orderStatusEvents.fromStatus, to: orderStatusEvents.toStatus, at: orderStatusEvents.at })
        .from(orderStatusEvents)
        .where(eq(orderStatusEvents.orderId, id))
        .orderBy(asc(orderStatusEvents.id))
        .all();
    },
  };
}

function withoutLineId(line: ValidLine & { lineId?: string }): ValidLine {
  const { lineId: _clientId, ...rest } = line;
  return rest;
}

export type OrderStore = ReturnType<typeof createOrderStore>;

/** A stored line with the names it was ordered under (older rows, from before menu versions, show the item id). */
function toLine(row: LineRow): PricedLine {
  return {
    lineId: row.id,
    itemId: row.itemId,
    name: { zh: row.nameZh ?? row.itemId, en: row.nameEn ?? row.itemId },
    size: row.size,
    sugar: row.sugar,
    ice: row.ice,
    toppings: row.toppings,
    quantity: row.quantity,
    unitPrice: row.unitPrice,
    lineTotal: row.lineTotal,
  };
}

function toOrder(row: OrderRow, lines: PricedLine[]): Order {
  return {
    id: row.id,
    pickupCode: String(row.pickupNumber),
    status: row.status,
    lines,
    total: row.total,
    currency: 'CNY',
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ...(row.customerName ? { customerName: row.customerName } : {}),
  };
}
