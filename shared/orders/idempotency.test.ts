import { describe, expect, it } from 'vitest';
import { openTestOrderService } from '../testing/order-fixture.ts';
import { createIdempotency, pruneIdempotencyKeys } from './idempotency.ts';

const DAY = 24 * 3600_000;

function setup() {
  const { opened } = openTestOrderService();
  let clock = new Date('2026-11-29T08:00:00Z');
  const once = createIdempotency(opened.db, () => clock);
  let created = 0;
  const place = (key: string) => once('orders', key, { n: 1 }, () => ({ status: 201, body: { order: (created += 1) } }));
  const keys = () => opened.sqlite.prepare('SELECT key FROM idempotency_keys ORDER BY key').pluck().all();
  return { opened, place, keys, setClock: (at: Date) => (clock = at), at: () => clock };
}

describe('idempotency keys: pruning', () => {
  it('deletes keys older than a day and keeps fresh ones, which still replay', () => {
    const { opened, place, keys, setClock, at } = setup();
    const start = at().getTime();
    place('old');
    setClock(new Date(start + DAY - 60_000));
    place('fresh');
    setClock(new Date(start + DAY + 1)); // "old" is a day and a millisecond old, "fresh" a minute younger than a day
    pruneIdempotencyKeys(opened.db, at());
    expect(keys()).toEqual(['fresh']);
    expect(place('fresh')).toMatchObject({ status: 201, body: { order: 2 }, replayed: true });
    expect(place('old')).toMatchObject({ body: { order: 3 }, replayed: false }); // forgotten: a new one
  });

  it('keeps a key exactly a day old (the cut is strictly older than maxAge)', () => {
    const { opened, place, keys, setClock, at } = setup();
    place('edge');
    setClock(new Date(at().getTime() + DAY));
    pruneIdempotencyKeys(opened.db, at());
    expect(keys()).toEqual(['edge']);
    pruneIdempotencyKeys(opened.db, new Date(at().getTime() + 1));
    expect(keys()).toEqual([]);
  });

  it('stores each key at the injected clock, the one pruning compares with', () => {
    const { opened, place, at } = setup();
    place('k');
    expect(opened.sqlite.prepare('SELECT created_at FROM idempotency_keys').pluck().get()).toBe(at().toISOString());
  });
});
