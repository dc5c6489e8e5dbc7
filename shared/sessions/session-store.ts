import type Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open-db.ts';
import { sessions } from '../db/schema.ts';
import { ORDER_ERRORS } from '../orders/order-errors.ts';
import type { Lang } from '../lang.ts';
import type { PricedLine } from '../menu/pricing.ts';
import {
  HISTORY_LIMIT,
  missingDraftFields,
  StoredSessionJsonSchema,
  type HistoryMessage,
  type PendingMemory,
  type ReadBack,
  type Session,
  type SessionState,
  type ValidDraft,
} from './session-types.ts';

type SessionRow = typeof sessions.$inferSelect;

export type SessionWrite = {
  state: SessionState;
  lang: Lang;
  cart: PricedLine[];
  draft: ValidDraft | null;
  append: HistoryMessage[];
  pending: PendingMemory;
  readBack?: ReadBack | null;
  lastOrderId?: string | null;
};

/** Carts and conversations. Versioned: a write names the version it read, or fails with 409. */
export function createSessionStore(db: Db, sqlite: Database.Database) {
  // Every chat turn reads and writes a session: the statements are prepared once.
  const p = sql.placeholder;
  const selectById = db
    .select()
    .from(sessions)
    .where(eq(sessions.id, p('id')))
    .prepare();
  const insertRow = db
    .insert(sessions)
    .values({
      id: p('id'),
      version: p('version'),
      state: p('state'),
      lang: p('lang'),
      cart: p('cart'),
      draft: p('draft'),
      history: p('history'),
      pending: p('pending'),
      readBack: p('readBack'),
      lastOrderId: p('lastOrderId'),
      createdAt: p('createdAt'),
      updatedAt: p('updatedAt'),
    })
    .prepare();
  // drizzle's update builder takes no placeholders, so this one is plain SQL; JSON columns
  // are encoded the way drizzle's json mode stores them.
  const updateRow = sqlite.prepare(
    `UPDATE sessions SET version = @version, state = @state, lang = @lang, cart = @cart, draft = @draft, history = @history,
       pending = @pending, read_back = @readBack, last_order_id = @lastOrderId, updated_at = @updatedAt WHERE id = @id`,
  );
  const encode = (row: SessionRow) => ({
    ...row,
    cart: JSON.stringify(row.cart),
    draft: row.draft === null ? null : JSON.stringify(row.draft),
    history: JSON.stringify(row.history),
    pending: row.pending === null ? null : JSON.stringify(row.pending),
    readBack: row.readBack === null ? null : JSON.stringify(row.readBack),
  });

  return {
    create(lang: Lang, now: Date): Session {
      const at = now.toISOString();
      const row: SessionRow = {
        id: randomUUID(),
        version: 0,
        state: 'empty',
        lang,
        cart: [],
        draft: null,
        history: [],
        pending: null,
        readBack: null,
        lastOrderId: null,
        createdAt: at,
        updatedAt: at,
      };
      insertRow.run(row);
      return toSession(row);
    },

    get(id: string): Session | null {
      const row = selectById.get({ id });
      return row ? toSession(row) : null;
    },

    /** Writes a new state if the stored version is still `expectedVersion`. Call inside the caller's transaction. */
    write(id: string, expectedVersion: number, change: SessionWrite, now: Date): Session {
      const row = selectById.get({ id });
      if (!row) throw ORDER_ERRORS.raise('session_not_found', `no session ${id}`);
      if (row.version !== expectedVersion) {
        throw ORDER_ERRORS.raise('version_conflict', `session changed since version ${expectedVersion}; it is at ${row.version}`, {
          currentVersion: row.version,
        });
      }
      const next: SessionRow = {
        ...row,
        version: row.version + 1,
        state: change.state,
        lang: change.lang,
        cart: change.cart,
        draft: change.draft,
        history: [...row.history, ...change.append].slice(-HISTORY_LIMIT),
        pending: change.pending,
        readBack: change.readBack ?? null,
        lastOrderId: change.lastOrderId === undefined ? row.lastOrderId : change.lastOrderId,
        updatedAt: now.toISOString(),
      };
      updateRow.run(encode(next));
      return toSession(next);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/**
 * A row as the API's session. The JSON columns are parsed, not trusted: a row the current code
 * cannot read (an older shape, a hand edit) fails loudly here rather than deep in a chat turn.
 */
function toSession(row: SessionRow): Session {
  const stored = v.safeParse(StoredSessionJsonSchema, row);
  if (!stored.success) throw new Error(`session ${row.id}: stored JSON does not fit the session schema (${v.summarize(stored.issues)})`);
  const { cart, draft, history, pending, readBack } = stored.output;
  return {
    id: row.id,
    version: row.version,
    state: row.state,
    lang: row.lang,
    cart: { lines: cart, total: cart.reduce((sum, line) => sum + line.lineTotal, 0) },
    draft: draft ? { ...draft, missing: missingDraftFields(draft) } : null,
    history,
    pending,
    readBack,
    lastOrderId: row.lastOrderId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
