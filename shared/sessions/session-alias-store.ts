import { eq } from 'drizzle-orm';
import type { Db } from '../db/open-db.ts';
import { sessionAliases } from '../db/schema.ts';
import type { SessionStore } from './session-store.ts';
import type { Session } from './session-types.ts';
import type { Lang } from '../lang.ts';

/**
 * Outside clients that invent their own session ids (the legacy UI's `session_…`) get one of
 * our sessions per id, created on first use. Kept in the database with the sessions, so every
 * `web` container and every restart sees the same mapping.
 */
export function createSessionAliasStore(db: Db, sessions: SessionStore) {
  const upsert = (alias: string, sessionId: string, at: string) =>
    db
      .insert(sessionAliases)
      .values({ alias, sessionId, updatedAt: at })
      .onConflictDoUpdate({ target: sessionAliases.alias, set: { sessionId, updatedAt: at } })
      .run();

  return {
    /**
     * The session behind `alias`: the mapped one, or a new one when there is none yet, when
     * the old one was pruned, or when `fresh` asks to start over. Call inside a write batch.
     */
    resolve(alias: string, fresh: boolean, lang: Lang, now: Date): Session {
      const row = db.select().from(sessionAliases).where(eq(sessionAliases.alias, alias)).get();
      const existing = row && !fresh ? sessions.get(row.sessionId) : null;
      if (existing) return existing;
      const created = sessions.create(lang, now);
      upsert(alias, created.id, now.toISOString());
      return created;
    },
  };
}
