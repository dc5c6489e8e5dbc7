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
});
