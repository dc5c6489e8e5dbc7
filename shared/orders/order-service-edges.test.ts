import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { findMigrationsFolder } from '../db/open-db.ts';
import { openTestOrderService, sampleLine } from '../testing/order-fixture.ts';
import { checkOrderDatabase } from './order-health.ts';
import { createOrderService } from './order-service.ts';

const count = (sqlite: { prepare(sql: string): { pluck(): { get(): unknown } } }, table: string) =>
  sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('order service, for in-process callers (no HTTP schema in front)', () => {
  it('an order with no lines is 422 empty_order, nothing written', async () => {
    const { service, opened } = openTestOrderService();
    await expect(service.createOrder({ lines: [] })).rejects.toMatchObject({
      status: 422,
      code: 'empty_order',
      message: 'an order needs at least one line',
    });
    expect([count(opened.sqlite, 'orders'), count(opened.sqlite, 'order_lines'), count(opened.sqlite, 'order_status_events')]).toEqual([0, 0, 0]);
  });

  it('without an injected clock, orders are stamped with the real time', async () => {
    const { opened } = openTestOrderService();
    const service = createOrderService({ opened, migrationsFolder: findMigrationsFolder(), timeZone: 'Asia/Shanghai', secondsPerDrink: 60 });
    const before = Date.now();
    const { order } = await service.createOrder({ lines: [sampleLine] });
    expect(Date.parse(order.createdAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(order.createdAt)).toBeLessThanOrEqual(Date.now());
  });

  it('a lookup with neither order id nor pickup code finds nothing', () => {
    const { service } = openTestOrderService();
    expect(service.lookup({})).toEqual({ pickupCode: '', found: false });
  });

  it('a pickup code is digits only: "+1", "1.0", "1e0" or " 1" find nothing, "1" finds the order', async () => {
    const { service } = openTestOrderService();
    await service.createOrder({ lines: [sampleLine] });
    for (const pickupCode of ['+1', '1.0', '1e0', ' 1', '0x1']) expect(service.lookup({ pickupCode })).toEqual({ pickupCode, found: false });
    expect(service.lookup({ pickupCode: '1' })).toMatchObject({ found: true, pickupCode: '1' });
  });

  it('a replayed checkout tells no one: no snapshot cue, no queue change', async () => {
    const onWrite = vi.fn();
    const { service } = openTestOrderService({ onWrite });
    const session = await service.createSession();
    await service.commitSession(session.id, {
      expectedVersion: 0,
      state: 'collecting',
      cart: [{ ...sampleLine, lineId: 'l1' }],
      draft: null,
      append: [],
      pending: null,
      placeOrder: false,
    });
    expect(service.checkout(session.id, 1, 'checkout-1').replayed).toBe(false);
    const queueChanged = vi.fn();
    service.onQueueChange(queueChanged);
    onWrite.mockClear();
    expect(service.checkout(session.id, 1, 'checkout-1').replayed).toBe(true);
    expect(service.checkout(session.id, 1).replayed).toBe(true);
    expect(onWrite).not.toHaveBeenCalled();
    expect(queueChanged).not.toHaveBeenCalled();
  });

  it('sessions and menu switches cue a snapshot but are no queue change', async () => {
    const onWrite = vi.fn();
    const { service } = openTestOrderService({ onWrite });
    const queueChanged = vi.fn();
    service.onQueueChange(queueChanged);
    await service.createSession();
    await service.sessionForAlias('legacy-1', false);
    service.setAvailability('taro-milk-tea', false);
    expect(onWrite).toHaveBeenCalledTimes(3);
    expect(queueChanged).not.toHaveBeenCalled();
  });

  it('finished orders have no place in the queue: no position or ETA', async () => {
    const { service } = openTestOrderService();
    const { order: done } = await service.createOrder({ lines: [sampleLine] });
    const { order: cancelled } = await service.createOrder({ lines: [sampleLine] });
    for (const status of ['preparing', 'ready', 'completed'] as const) service.changeStatus(done.id, status);
    service.changeStatus(cancelled.id, 'cancelled');
    expect(service.getPublicOrder(done.id)).not.toHaveProperty('position');
    expect(service.getPublicOrder(cancelled.id)).not.toHaveProperty('etaSeconds');
    expect(service.lookup({ orderId: done.id })).toEqual({ orderId: done.id, found: true, pickupCode: done.pickupCode, status: 'completed' });
    expect(service.lookup({ pickupCode: cancelled.pickupCode })).toEqual({ found: true, pickupCode: cancelled.pickupCode, status: 'cancelled' });
  });

  it('an order keeps the names it was placed with; a line from before menu versions is named by its item id', async () => {
    const { service, opened } = openTestOrderService();
    const { order } = await service.createOrder({ lines: [sampleLine] });
    opened.sqlite.prepare("UPDATE order_lines SET item_id = 'osmanthus-oolong'").run();
    expect(service.getOrder(order.id)?.lines[0]).toMatchObject({ itemId: 'osmanthus-oolong', name: { zh: '珍珠奶茶', en: 'Pearl Milk Tea' } });
    opened.sqlite.prepare('UPDATE order_lines SET name_zh = NULL, name_en = NULL').run();
    expect(service.getOrder(order.id)?.lines[0]).toMatchObject({ name: { zh: 'osmanthus-oolong', en: 'osmanthus-oolong' } });
  });

  it('every 500 writes, day-old idempotency keys, idle sessions and their aliases are pruned; fresh ones stay', async () => {
    let now = new Date('2026-12-01T04:00:00Z');
    const { service, opened } = openTestOrderService({ now: () => now });
    await service.createOrder({ lines: [sampleLine] }, 'kiosk:old');
    const idle = await service.sessionForAlias('legacy-old', false);
    now = new Date('2026-12-01T06:00:00Z');
    await service.createOrder({ lines: [sampleLine] }, 'kiosk:fresh');
    const active = await service.sessionForAlias('legacy-fresh', false);
    now = new Date('2026-12-02T05:00:00Z'); // 25 h after the old ones, 23 h after the fresh ones
    await Promise.all(Array.from({ length: 500 }, () => service.createOrder({ lines: [{ ...sampleLine, quantity: 1 }] })));
    const column = (sql: string) => opened.sqlite.prepare(sql).pluck().all();
    expect(column('SELECT key FROM idempotency_keys')).toEqual(['kiosk:fresh']);
    expect(column('SELECT id FROM sessions')).toEqual([active.id]);
    expect(service.getSession(idle.id)).toBeNull();
    expect(column('SELECT alias FROM session_aliases')).toEqual(['legacy-fresh']);
    expect(count(opened.sqlite, 'orders')).toBe(502); // orders are never pruned
  });
});

describe('order database health check', () => {
  const journal = JSON.parse(readFileSync(join(findMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const shipped = journal.entries.length;

  it('is ok when every migration is applied', () => {
    const { opened } = openTestOrderService();
    expect(checkOrderDatabase(opened.sqlite, findMigrationsFolder())).toEqual({
      status: 'ok',
      db: 'reachable',
      migrations: { applied: shipped, expected: shipped },
    });
  });

  it('is down, with the database reachable, when a migration is missing', () => {
    const { opened } = openTestOrderService();
    const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
    try {
      mkdirSync(join(folder, 'meta'));
      writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: [...journal.entries, { idx: shipped, tag: 'next' }] }));
      expect(checkOrderDatabase(opened.sqlite, folder)).toEqual({ status: 'down', db: 'reachable', migrations: { applied: shipped, expected: shipped + 1 } });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('is down and unreachable, with the reason, when the database is closed', () => {
    const { opened, service } = openTestOrderService();
    opened.sqlite.close();
    expect(service.check()).toEqual({ status: 'down', db: 'unreachable', error: 'The database connection is not open' });
  });
});
