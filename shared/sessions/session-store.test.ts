import { describe, expect, it } from 'vitest';
import { findMigrationsFolder, openDb } from '../db/open-db.ts';
import { createSessionStore, type SessionWrite } from './session-store.ts';

describe('session store', () => {
  it('writing a session that does not exist is 404 session_not_found, nothing written', () => {
    const { db, sqlite, close } = openDb(':memory:', findMigrationsFolder());
    const store = createSessionStore(db, sqlite);
    const change: SessionWrite = { state: 'collecting', lang: 'zh', cart: [], draft: null, append: [], pending: null };
    expect(() => store.write('sess-gone', 0, change, new Date())).toThrow(
      expect.objectContaining({ status: 404, code: 'session_not_found', message: 'no session sess-gone' }),
    );
    expect(sqlite.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
    close();
  });

  it('parses the JSON columns it reads: a stored row it cannot read fails loudly, naming the session', () => {
    const { db, sqlite, close } = openDb(':memory:', findMigrationsFolder());
    const store = createSessionStore(db, sqlite);
    const line = {
      lineId: 'l1',
      itemId: 'pearl-milk-tea',
      name: { zh: '珍珠奶茶', en: 'Pearl Milk Tea' },
      size: 'L',
      sugar: 50,
      ice: 'light',
      toppings: [],
      quantity: 2,
      unitPrice: 1800,
      lineTotal: 3600,
    };
    const created = store.create('en', new Date('2026-12-01T04:00:00Z'));
    const written = store.write(
      created.id,
      0,
      {
        state: 'collecting',
        lang: 'en',
        cart: [line],
        draft: { itemId: 'taro-milk-tea', toppings: [], quantity: 1 },
        append: [{ role: 'user', content: 'hi' }],
        pending: { q: 'clear' },
        readBack: { fingerprint: 'f', total: 3600 },
      },
      new Date('2026-12-01T04:00:01Z'),
    );
    expect(store.get(created.id)).toEqual(written);
    expect(written).toMatchObject({
      cart: { lines: [line], total: 3600 },
      draft: { itemId: 'taro-milk-tea', missing: ['size', 'sugar', 'ice'] },
      pending: { q: 'clear' },
    });
    sqlite.prepare(`UPDATE sessions SET cart = '[{"itemId":"pearl-milk-tea"}]' WHERE id = ?`).run(created.id);
    expect(() => store.get(created.id)).toThrow(new RegExp(`session ${created.id}: stored JSON does not fit`));
    sqlite.prepare(`UPDATE sessions SET cart = '[]', pending = '[1,2]' WHERE id = ?`).run(created.id);
    expect(() => store.get(created.id)).toThrow(/does not fit/);
    close();
  });
});
