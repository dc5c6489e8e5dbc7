import { and, asc, count, desc, eq, inArray, lt, lte, max, or, sql, sum } from 'drizzle-orm';
import { randomFillSync } from 'node:crypto';
import type Database from 'better-sqlite3';
import { compileStatement } from '../db/compiled-statement.ts';
import type { Db } from '../db/open-db.ts';
import { orderLines, orderStatusEvents, orders } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { ValidLine } from '../menu/line-schema.ts';
import type { Catalog } from '../menu/catalog.ts';
import { priceLines, type PricedLine } from '../menu/pricing.ts';
import type * as v from 'valibot';
import { businessDayOf } from './business-day.ts';
import type { CreateOrderSchema } from './order-schemas.ts';
import type { Order, OrderChannel, OrderStatus } from './order-types.ts';
import { assertTransition } from './status-machine.ts';

/** An order request after the schema check. */
export type NewOrder = v.InferOutput<typeof CreateOrderSchema>;

type OrderRow = typeof orders.$inferSelect;
type LineRow = typeof orderLines.$inferSelect;

/**
 * Opaque, unguessable order ids: the public GET /orders/:id must not allow enumeration, so 80
 * random bits. They start with the creation time (milliseconds, 9 base-36 digits, then 3 for
 * the ids made in that millisecond, which sort as text) so that new ids land at the end of the orders id index and of the lines' and
 * events' order-id indexes: with purely random ids every order dirtied its own page in each of
 * those B-trees, and once the tables outgrew the cache a batch's COMMIT rewrote one page per
 * order per index (commit cost per order grew from ~20 µs to ~60 µs over 60k orders; with
 * time-first ids it stays ~7 µs). The time leaks nothing: createdAt is in the order anyway.
 */
export function newOrderId(): string {
  return `ord_${timePrefix()}${randomBase64url(10)}`;
}

export function newLineId(): string {
  return `ln_${timePrefix()}${randomBase64url(6)}`;
}

let lastMs = -1;
let lastPrefix = '';
let sameMs = 0;
/**
 * The time, then a count of the ids already made in that millisecond: ids sort in the order they
 * were made, so two orders placed in one millisecond keep their places in the queue (which
 * breaks createdAt ties by id) instead of the random part deciding.
 */
function timePrefix(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastPrefix = ms.toString(36).padStart(9, '0');
    sameMs = 0;
  }
  return `${lastPrefix}${(sameMs++).toString(36).padStart(3, '0')}`;
}

// Ids come from a pool of CSPRNG bytes refilled 4 KiB at a time (as node's randomUUID does):
// one randomBytes() call per id was a measurable share of POST /orders. Each byte is used once.
const RANDOM_POOL_BYTES = 4096;
const randomPool = Buffer.alloc(RANDOM_POOL_BYTES);
let randomOffset = RANDOM_POOL_BYTES;

function randomBase64url(bytes: number): string {
  if (randomOffset + bytes > RANDOM_POOL_BYTES) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const start = randomOffset;
  randomOffset += bytes;
  return randomPool.toString('base64url', start, randomOffset);
}

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
export function createOrderStore({ db, sqlite, timeZone }: { db: Db; sqlite: Database.Database; timeZone: string }) {
  const dayOf = cachedBusinessDay(timeZone);
  // POST /orders is the hot path: its statements are built by drizzle once and compiled to
  // plain better-sqlite3 statements (shared/db/compiled-statement.ts), not rebuilt per request.
  const p = sql.placeholder;
  const lastPickup = compileStatement<{ day: string }>(
    sqlite,
    db
      .select({ n: max(orders.pickupNumber) })
      .from(orders)
      .where(eq(orders.businessDay, p('day'))),
  );
  const insertOrderRow = compileStatement<{
    id: string;
    businessDay: string;
    pickupNumber: number;
    total: number;
    drinkCount: number;
    customerName: string | null;
    sessionId: string | null;
    channel: OrderChannel;
    at: string;
  }>(
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
  const insertLineRow = compileStatement<PricedLine & { orderId: string; position: number; nameZh: string; nameEn: string; toppingPrices: number[] }>(
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

  /** Inserts a priced order with the day's next pickup number. Call inside a transaction. */
  function insertOrder(input: NewOrder, catalog: Catalog, now: Date, channel: OrderChannel = 'counter'): Order {
    // Line ids are primary keys: always the server's, never one a client (a session's cart) chose.
    const priced = priceLines(input.lines.map(withoutLineId), catalog, newLineId);
    if (priced.lines.length === 0) throw new AppError(422, 'empty_order', 'an order needs at least one line');
    const day = dayOf(now);
    const pickupNumber = (lastPickup.value<number | null>({ day }) ?? 0) + 1;
    const at = now.toISOString();
    const id = newOrderId();
    insertOrderRow.run({
      id,
      businessDay: day,
      pickupNumber,
      total: priced.total,
      drinkCount: priced.lines.reduce((sum, line) => sum + line.quantity, 0),
      customerName: input.customerName ?? null,
      sessionId: input.sessionId ?? null,
      channel,
      at,
    });
    priced.lines.forEach((line, position) =>
      insertLineRow.run({
        ...line,
        orderId: id,
        position,
        nameZh: line.name.zh,
        nameEn: line.name.en,
        toppingPrices: line.toppings.map((topping) => catalog.topping(topping)?.price ?? 0),
      }),
    );
    insertEvent.run({ orderId: id, at });
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
        if (!row) throw new AppError(404, 'order_not_found', `no order ${id}`);
        assertTransition(row.status, to);
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
