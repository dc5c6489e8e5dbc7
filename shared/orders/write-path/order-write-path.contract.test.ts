import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findMigrationsFolder, openDb } from '../../db/open-db.ts';
import { orderLines, orderStatusEvents, orders } from '../../db/schema.ts';
import { AsyncJobError } from '../../db/write-job.ts';
import { createFastWritePath } from './fast-write-path.ts';
import type { NewLineRow, NewOrderRow, OrderWritePath } from './order-write-path.ts';
import { createPlainWritePath } from './plain-write-path.ts';

// One contract for both ways orders reach the database (order-write-path.ts): the plain path
// and the fast one (group commit, compiled statements, pooled id bytes) must be
// indistinguishable to the domain, apart from how many jobs share a commit.

afterEach(() => {
  vi.restoreAllMocks();
});

const paths = {
  plain: (opened: ReturnType<typeof openDb>) => createPlainWritePath(opened.db),
  fast: (opened: ReturnType<typeof openDb>) => createFastWritePath(opened.db, opened.sqlite),
};

function setup(name: keyof typeof paths) {
  const opened = openDb(':memory:', findMigrationsFolder());
  const path: OrderWritePath = paths[name](opened);
  const at = '2026-12-01T04:00:00.000Z';
  const row = (id: string, pickupNumber: number, day = '2026-12-01'): NewOrderRow => ({
    id,
    businessDay: day,
    pickupNumber,
    total: 4100,
    drinkCount: 2,
    customerName: pickupNumber % 2 ? 'Li' : null,
    sessionId: null,
    channel: 'counter',
    at,
  });
  const line = (orderId: string, position: number): NewLineRow => ({
    lineId: path.lineId(),
    orderId,
    position,
    itemId: 'pearl-milk-tea',
    name: { zh: '珍珠奶茶', en: 'Pearl Milk Tea' },
    size: 'L',
    sugar: 50,
    ice: 'light',
    toppings: ['pudding', 'pearls'],
    quantity: 2,
    unitPrice: 2050,
    lineTotal: 4100,
    nameZh: '珍珠奶茶',
    nameEn: 'Pearl Milk Tea',
    toppingPrices: [300, 0],
  });
  /** A job like POST /orders: the day's next pickup number, then the rows; optionally failing after writing. */
  const place =
    (fail = false) =>
    () => {
      const id = path.orderId();
      const pickupNumber = (path.lastPickupNumber('2026-12-01') ?? 0) + 1;
      path.insertOrder(row(id, pickupNumber), [line(id, 0), line(id, 1)]);
      if (fail) throw new Error(`order ${pickupNumber} failed`);
      return pickupNumber;
    };
  const count = (table: string) => opened.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
  return { opened, path, row, line, place, count };
}

describe.each(['plain', 'fast'] as const)('order write path: %s', (name) => {
  it('makes ids that start with the time and a count within the millisecond, so they sort in the order they were made', () => {
    const { path } = setup(name);
    const t = Date.parse('2026-12-01T04:00:00Z');
    const clock = vi.spyOn(Date, 'now').mockReturnValue(t);
    const ids = Array.from({ length: 50 }, () => path.orderId());
    clock.mockReturnValue(t + 1);
    ids.push(path.orderId());
    expect([...ids].sort()).toEqual(ids);
    const prefix = (ms: number) => `ord_${ms.toString(36).padStart(9, '0')}`;
    expect(ids[0]!.startsWith(`${prefix(t)}000`)).toBe(true);
    expect(ids[49]!.startsWith(`${prefix(t)}01d`)).toBe(true); // 49 in base 36
    expect(ids[50]!.startsWith(`${prefix(t + 1)}000`)).toBe(true);
  });

  it('ends ids in 80 (order) and 48 (line) random bits that never repeat, over many thousand ids', () => {
    const { path } = setup(name);
    vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-01T04:00:00Z'));
    const randomParts = Array.from({ length: 5000 }, () => path.orderId().slice('ord_'.length + 12));
    expect(randomParts.every((part) => /^[\w-]{14}$/.test(part))).toBe(true);
    expect(new Set(randomParts).size).toBe(5000);
    expect(path.lineId()).toMatch(/^ln_[0-9a-z]{12}[\w-]{8}$/);
  });

  it('writes the order, its lines and its placed event as given, and knows the day’s last pickup number', async () => {
    const { path, opened, row, line } = setup(name);
    const queue = path.writeQueue<void>();
    expect(path.lastPickupNumber('2026-12-01')).toBeNull();
    const lines = [line('ord_a', 0), line('ord_a', 1)];
    await queue.run(() => path.insertOrder(row('ord_a', 7), lines));
    await queue.run(() => path.insertOrder(row('ord_b', 3, '2026-12-02'), [line('ord_b', 0)]));
    expect(path.lastPickupNumber('2026-12-01')).toBe(7);
    expect(path.lastPickupNumber('2026-12-02')).toBe(3);
    const { at, ...columns } = row('ord_a', 7);
    expect(opened.db.select().from(orders).where(eq(orders.id, 'ord_a')).get()).toEqual({ ...columns, status: 'placed', createdAt: at, updatedAt: at });
    const stored = opened.db.select().from(orderLines).where(eq(orderLines.orderId, 'ord_a')).orderBy(asc(orderLines.position)).all();
    expect(stored).toEqual(lines.map(({ lineId, name: _name, ...rest }) => ({ ...rest, id: lineId })));
    expect(opened.db.select().from(orderStatusEvents).where(eq(orderStatusEvents.orderId, 'ord_a')).all()).toEqual([
      { id: 1, orderId: 'ord_a', fromStatus: null, toStatus: 'placed', at },
    ]);
  });

  it('settles a job after its commit; jobs run in arrival order, each seeing the writes before it', async () => {
    const { path, place, opened, count } = setup(name);
    const queue = path.writeQueue<number>();
    const numbers = await Promise.all(Array.from({ length: 20 }, () => queue.run(place())));
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(opened.sqlite.inTransaction).toBe(false);
    expect(count('orders')).toBe(20);
    expect(count('order_lines')).toBe(40);
  });

  it('rolls back a failing job alone and rejects only its promise; the afterCommit hook sees the others, before they resume', async () => {
    const { path, place, count } = setup(name);
    const hooked: number[] = [];
    const queue = path.writeQueue<number>({ afterCommit: (results) => hooked.push(...results) });
    const results = await Promise.allSettled([place(), place(true), place()].map((job) => queue.run(job)).map((p) => p.then((n) => [n, [...hooked]] as const)));
    expect(results[0]).toEqual({ status: 'fulfilled', value: [1, expect.arrayContaining([1])] });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { message: 'order 2 failed' } });
    expect(results[2]).toEqual({ status: 'fulfilled', value: [2, [1, 2]] });
    expect(hooked).toEqual([1, 2]);
    expect(count('orders')).toBe(2);
    expect(count('order_status_events')).toBe(2);
  });

  it('refuses a job that turns out asynchronous, rolling back what it wrote', async () => {
    const { path, place, count } = setup(name);
    const queue = path.writeQueue<unknown>();
    const sneaky = (() => {
      place()();
      return Promise.resolve(1);
    }) as () => never; // what `any` lets through; the type refuses it
    await expect(queue.run(sneaky)).rejects.toBeInstanceOf(AsyncJobError);
    expect(count('orders')).toBe(0);
  });

  it('rejects every job of a commit whose afterCommit hook throws, with the hook’s error (the writes stay)', async () => {
    const { path, place, count } = setup(name);
    const queue = path.writeQueue<number>({
      afterCommit: () => {
        throw new Error('hook failed');
      },
    });
    await expect(queue.run(place())).rejects.toThrow('hook failed');
    expect(count('orders')).toBe(1);
  });
});
