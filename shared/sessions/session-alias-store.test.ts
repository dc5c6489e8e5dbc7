import { describe, expect, it } from 'vitest';
import { sessionAliases } from '../db/schema.ts';
import { findMigrationsFolder, openDb } from '../db/open-db.ts';
import { createSessionAliasStore } from './session-alias-store.ts';
import { createRetention } from '../orders/retention.ts';
import { createSessionStore } from './session-store.ts';

describe('session alias store', () => {
  it('resolves to the same session, replaces a pruned one, and drops aliases of pruned sessions', async () => {
    const { db, sqlite, close } = openDb(':memory:', findMigrationsFolder());
    const sessions = createSessionStore(db, sqlite);
    const aliases = createSessionAliasStore(db, sessions);
    const day0 = new Date('2026-12-01T08:00:00Z');
    const first = aliases.resolve('a', false, 'zh', day0);
    expect(aliases.resolve('a', false, 'zh', day0).id).toBe(first.id);
    const kept = aliases.resolve('b', false, 'zh', new Date('2026-12-02T07:00:00Z'));

    // a's session idled a day: retention drops it, then its alias.
    await createRetention({ sqlite, now: () => new Date('2026-12-02T09:00:00Z'), timeZone: 'Asia/Shanghai' }).run();
    expect(
      db
        .select()
        .from(sessionAliases)
        .all()
        .map((row) => row.alias),
    ).toEqual(['b']);
    expect(aliases.resolve('b', false, 'zh', day0).id).toBe(kept.id);
    const again = aliases.resolve('a', false, 'en', day0);
    expect(again.id).not.toBe(first.id);
    expect(again.lang).toBe('en');
    close();
  });
});
