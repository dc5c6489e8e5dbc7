import { eq, max, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { compileStatement } from './compiled-statement.ts';
import { findMigrationsFolder, openDb } from './open-db.ts';
import { orderLines, orders } from './schema.ts';

describe('compileStatement', () => {
  const { db, sqlite } = openDb(':memory:', findMigrationsFolder());
  const p = sql.placeholder;

  it('binds placeholders by name, encodes JSON columns, keeps constants and nulls', () => {
    const insertOrder = compileStatement(
      sqlite,
      db.insert(orders).values({
        id: p('id'),
        businessDay: '2026-01-01',
        pickupNumber: p('n'),
        status: 'placed',
        total: 10,
        drinkCount: 1,
        customerName: p('name'),
        sessionId: null,
        createdAt: p('at'),
        updatedAt: p('at'),
      }),
    );
    insertOrder.run({ id: 'o1', n: 1, name: null, at: '2026-01-01T00:00:00.000Z' });
    const insertLine = compileStatement(
      sqlite,
      db.insert(orderLines).values({
        id: 'l1',
        orderId: p('orderId'),
        position: 0,
        itemId: 'pearl-milk-tea',
        size: 'L',
        sugar: 50,
        ice: 'light',
        toppings: p('toppings'),
        quantity: 1,
        unitPrice: 10,
        lineTotal: 10,
      }),
    );
    insertLine.run({ orderId: 'o1', toppings: ['pudding', 'pearls'] });
    expect(db.select().from(orders).get()).toMatchObject({ id: 'o1', pickupNumber: 1, status: 'placed', customerName: null, sessionId: null });
    expect(db.select().from(orderLines).get()?.toppings).toEqual(['pudding', 'pearls']);
    const last = compileStatement(
      sqlite,
      db
        .select({ n: max(orders.pickupNumber) })
        .from(orders)
        .where(eq(orders.businessDay, p('day'))),
    );
    expect(last.value({ day: '2026-01-01' })).toBe(1);
    expect(last.value({ day: '2026-01-02' })).toBeNull();
    expect(() => insertOrder.run({ id: 'o2' })).toThrow('No value for placeholder "n"');
  });
});
