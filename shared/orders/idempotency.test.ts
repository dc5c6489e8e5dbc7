import { describe, expect, it } from 'vitest';
import { openTestOrderService } from '../testing/order-fixture.ts';
import { AppError } from '../errors.ts';
import { createIdempotency, parseIdempotencyKey } from './idempotency.ts';
import { createRetention } from './retention.ts';

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
  it('deletes keys older than a day and keeps fresh ones, which still replay', async () => {
    const { opened, place, keys, setClock, at } = setup();
    const start = at().getTime();
    place('old');
    setClock(new Date(start + DAY - 60_000));
    place('fresh');
    setClock(new Date(start + DAY + 1)); // "old" is a day and a millisecond old, "fresh" a minute younger than a day
    await createRetention({ sqlite: opened.sqlite, now: at, timeZone: 'Asia/Shanghai' }).run();
    expect(keys()).toEqual(['fresh']);
    expect(place('fresh')).toMatchObject({ status: 201, body: { order: 2 }, replayed: true });
    expect(place('old')).toMatchObject({ body: { order: 3 }, replayed: false }); // forgotten: a new one
  });

  it('keeps a key exactly a day old (the cut is strictly older than a day)', async () => {
    const { opened, place, keys, setClock, at } = setup();
    place('edge');
    setClock(new Date(at().getTime() + DAY));
    await createRetention({ sqlite: opened.sqlite, now: at, timeZone: 'Asia/Shanghai' }).run();
    expect(keys()).toEqual(['edge']);
    await createRetention({ sqlite: opened.sqlite, now: () => new Date(at().getTime() + 1), timeZone: 'Asia/Shanghai' }).run();
    expect(keys()).toEqual([]);
  });

  it('stores each key at the injected clock, the one pruning compares with', () => {
    const { opened, place, at } = setup();
    place('k');
    expect(opened.sqlite.prepare('SELECT created_at FROM idempotency_keys').pluck().get()).toBe(at().toISOString());
  });
});

describe('idempotency keys: checks', () => {
  it('the same key with another request is a 409 that says so', () => {
    const { opened } = setup();
    const once = createIdempotency(opened.db);
    once('orders', 'k', { n: 1 }, () => ({ status: 201, body: {} }));
    expect(() => once('orders', 'k', { n: 2 }, () => ({ status: 201, body: {} }))).toThrow(
      expect.objectContaining({ status: 409, code: 'idempotency_key_reused', message: 'this Idempotency-Key was already used with a different request' }),
    );
    // Scopes are separate: the same key elsewhere is a new request.
    expect(once('session:x', 'k', { n: 2 }, () => ({ status: 200, body: { other: true } }))).toMatchObject({ replayed: false });
  });

  it('parses the header: absent is no key, 1..128 of [A-Za-z0-9_.:-] is a key, anything else a 400', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey('kiosk-1:abc_2.x')).toBe('kiosk-1:abc_2.x');
    expect(parseIdempotencyKey('k'.repeat(128))).toBe('k'.repeat(128));
    for (const bad of ['', 'k'.repeat(129), 'has space', '订单', 'a/b']) {
      let error: unknown;
      try {
        parseIdempotencyKey(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        status: 400,
        code: 'invalid_idempotency_key',
        message: 'Idempotency-Key must be 1..128 characters of letters, digits, . _ : -',
      });
    }
  });
});
