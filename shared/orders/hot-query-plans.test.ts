import { describe, expect, it } from 'vitest';
import { findMigrationsFolder, openDb } from '../db/open-db.ts';
import { sampleLine, shopNoonClock } from '../testing/order-fixture.ts';
import { createOrderService } from './order-service.ts';

// Every statement the hot paths run (the queue and its recently completed, pickup-number
// lookups, order views, staff lists, placing orders and pickup numbers, sessions and their
// commits) is bounded by today's work: none may scan the whole orders or sessions table.

const HISTORY = '(orders|sessions|order_lines|order_status_events|chat_turns|idempotency_keys)';
const FULL_SCAN = new RegExp(`^SCAN ${HISTORY}\\b(?! USING)`);
/** A walk along a whole index: bounded only when a LIMIT stops it and nothing sorts first. */
const INDEX_WALK = new RegExp(`^SCAN ${HISTORY} USING (COVERING )?INDEX`);

describe('hot statements use an index, never a full scan of history', () => {
  it('EXPLAIN QUERY PLAN of every statement the hot paths prepare', async () => {
    const migrationsFolder = findMigrationsFolder();
    const opened = openDb(':memory:', migrationsFolder);
    const statements = new Set<string>();
    const prepare = opened.sqlite.prepare.bind(opened.sqlite);
    opened.sqlite.prepare = ((source: string) => {
      statements.add(source);
      return prepare(source);
    }) as typeof opened.sqlite.prepare;
    const service = createOrderService({ opened, migrationsFolder, timeZone: 'Asia/Shanghai', secondsPerDrink: 60, now: shopNoonClock() });

    const { order } = await service.createOrder({ lines: [sampleLine] }, 'kiosk-1');
    await service.createOrder({ lines: [sampleLine] });
    service.changeStatus(order.id, 'preparing');
    service.queue();
    service.staffQueue();
    service.lookup({ pickupCode: order.pickupCode });
    service.lookup({ orderId: order.id });
    service.getPublicOrder(order.id);
    service.getOrder(order.id);
    service.listOrders({ limit: 50 });
    service.listOrders({ status: 'placed', limit: 50 });
    service.statusEvents(order.id);
    const session = await service.createSession();
    await service.commitSession(session.id, {
      expectedVersion: 0,
      state: 'collecting',
      cart: [{ ...sampleLine, lineId: 'a' }],
      draft: null,
      append: [],
      pending: null,
      placeOrder: false,
    });
    service.getSession(session.id);
    await service.commitSession(session.id, {
      expectedVersion: 1,
      state: 'confirming',
      cart: [{ ...sampleLine, lineId: 'a' }],
      draft: null,
      append: [],
      pending: null,
      placeOrder: true,
    });
    await service.sessionForAlias('kiosk-7', false);
    await service.sessionForAlias('kiosk-7', false); // the alias found this time
    const checkingOut = await service.createSession();
    await service.commitSession(
      checkingOut.id,
      {
        expectedVersion: 0,
        state: 'confirming',
        cart: [{ ...sampleLine, lineId: 'b' }],
        draft: null,
        append: [],
        pending: null,
        placeOrder: false,
        turn: { provider: 'rules', input: 'voice', source: 'chat' },
      },
      'turn-1',
    );
    service.checkout(checkingOut.id, 1, 'checkout-1');
    service.changeStatus(order.id, 'ready');
    service.changeStatus(order.id, 'completed');
    service.queue();

    const hot = [...statements].filter((sql) => !/^\s*(PRAGMA|CREATE|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(sql));
    expect(hot.length).toBeGreaterThan(15);
    // The plan does not depend on the values: every parameter becomes a literal 1.
    const planOf = (sql: string) =>
      (prepare(`EXPLAIN QUERY PLAN ${sql.replace(/\?\d*|[@:$][A-Za-z_]\w*/g, '1')}`).all() as { detail: string }[]).map((row) => row.detail);
    const scans = hot.flatMap((sql) =>
      planOf(sql)
        .filter((detail) => FULL_SCAN.test(detail))
        .map((detail) => `${detail}  ←  ${sql.replace(/\s+/g, ' ').slice(0, 160)}`),
    );
    expect(scans).toEqual([]);
    const unboundedWalks = hot.filter((sql) => {
      const plan = planOf(sql);
      return plan.some((detail) => INDEX_WALK.test(detail)) && (!/\blimit\b/i.test(sql) || plan.some((detail) => detail.includes('TEMP B-TREE')));
    });
    expect(unboundedWalks).toEqual([]);
    // A page of orders off history (recently completed, the staff list) comes in index order:
    // sorting first would read every completed order. Only the active statuses (a list of three,
    // today's work) may be sorted.
    const sortedHistory = hot.filter(
      (sql) =>
        /from "orders"/.test(sql) &&
        /limit/i.test(sql) &&
        !/"status" in \(\?, \?, \?\)/.test(sql) &&
        planOf(sql).some((detail) => detail.includes('TEMP B-TREE FOR ORDER BY')),
    );
    expect(sortedHistory).toEqual([]);
    expect(hot.some((sql) => /"status" in \(\?\) order by "orders"."updated_at" desc/.test(sql))).toBe(true);
  });
});
