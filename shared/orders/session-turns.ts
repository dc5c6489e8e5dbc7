import type Database from 'better-sqlite3';
import type { Db } from '../db/open-db.ts';
import { createWriteBatcher } from '../db/write-batcher.ts';
import { AppError } from '../errors.ts';
import type { AvailabilityStore } from '../menu/availability-store.ts';
import { priceLines } from '../menu/pricing.ts';
import type { createSessionAliasStore } from '../sessions/session-alias-store.ts';
import type { SessionStore } from '../sessions/session-store.ts';
import { missingDraftFields, type CommitResult, type Session, type ValidSessionCommit } from '../sessions/session-types.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { Idempotency } from './idempotency.ts';
import type { OrderStore } from './order-store.ts';
import type { Order } from './order-types.ts';

export type SessionTurnsDeps = {
  db: Db;
  sqlite: Database.Database;
  store: OrderStore;
  sessionStore: SessionStore;
  aliasStore: ReturnType<typeof createSessionAliasStore>;
  availabilityStore: AvailabilityStore;
  once: Idempotency;
  feed: ChangeFeed;
  now: () => Date;
};

/** Chat sessions: created, found by an outside alias, committed turn by turn, checked out as an order. */
export function createSessionTurns({ db, sqlite, store, sessionStore, aliasStore, availabilityStore, once, feed, now }: SessionTurnsDeps) {
  // Every chat turn creates or commits a session: those writes share commits the way orders do.
  const sessionWrites = createWriteBatcher<unknown>({ sqlite });

  /**
   * Places an order from a session's cart; the caller runs it inside its transaction and then
   * empties the session and records the order on it.
   */
  function placeFromSession(session: Session, customerName: string | undefined, at: Date): Order {
    if (session.cart.lines.length === 0) throw new AppError(422, 'empty_cart', 'the cart is empty; add a drink first');
    return store.insertOrder(
      { lines: session.cart.lines, sessionId: session.id, ...(customerName ? { customerName } : {}) },
      availabilityStore.availability,
      at,
    );
  }

  /**
   * A line already in the cart may stay there after its drink sells out, so the customer's
   * other turns keep working while the agent asks them to remove or replace it. A new line
   * (or a line switched to a sold-out drink) is refused, and placeFromSession places neither.
   */
  function priceSessionCart(current: Session, lines: ValidSessionCommit['cart']) {
    const live = availabilityStore.availability;
    const kept = new Set(current.cart.lines.map((line) => `${line.lineId}\n${line.itemId}`));
    lines.forEach((line, index) => {
      if (live.isSoldOut(line.itemId) && !kept.has(`${line.lineId}\n${line.itemId}`)) {
        throw new AppError(409, 'item_sold_out', `line ${index + 1}: ${line.itemId} is sold out today`, {
          field: 'itemId',
          itemId: line.itemId,
          line: index + 1,
        });
      }
    });
    return priceLines(lines).lines;
  }

  return {
    async createSession(lang: 'zh' | 'en' = 'zh'): Promise<Session> {
      const session = await sessionWrites.run(() => sessionStore.create(lang, now()));
      feed.changed(false);
      return session;
    },

    getSession: (id: string) => sessionStore.get(id),

    /** The session behind an outside client's own id (created on first use; `fresh` starts over). */
    async sessionForAlias(alias: string, fresh: boolean, lang: 'zh' | 'en' = 'zh'): Promise<Session> {
      const session = (await sessionWrites.run(() => aliasStore.resolve(alias, fresh, lang, now()))) as Session;
      feed.changed(false);
      return session;
    },

    /** Commits one chat turn: the new cart/draft/state and messages, and the order if confirmed. */
    async commitSession(id: string, commit: ValidSessionCommit, idempotencyKey?: string): Promise<CommitResult> {
      const at = now();
      // Only the order id is kept for a replay (not the whole session with its history): a
      // retried commit answers with the session as it is now and the order it placed.
      const result = await sessionWrites.run(() => {
        const stored = once(`session:${id}`, idempotencyKey, commit, () => {
          const current = sessionStore.get(id);
          if (!current) throw new AppError(404, 'session_not_found', `no session ${id}`);
          // Prices come from the menu, never from the client.
          const cart = priceSessionCart(current, commit.cart);
          const draft = commit.draft && missingDraftFields(commit.draft).length < 4 ? commit.draft : null;
          const change = { state: commit.state, lang: commit.lang ?? current.lang, cart, draft, append: commit.append, pending: commit.pending };
          const session = sessionStore.write(id, commit.expectedVersion, change, at);
          if (!commit.placeOrder) return { status: 200, body: { orderId: null } };
          const order = placeFromSession(session, commit.customerName, at);
          sessionStore.write(id, session.version, { ...change, state: 'placed', cart: [], draft: null, append: [], lastOrderId: order.id }, at);
          return { status: 200, body: { orderId: order.id as string | null } };
        });
        const session = sessionStore.get(id)!;
        const order = stored.body.orderId ? store.getOrder(stored.body.orderId) : null;
        return { session, order, placed: order !== null && !stored.replayed };
      });
      feed.changed(result.placed);
      return { session: result.session, order: result.order };
    },

    /**
     * Places the session's cart as an order. Idempotent: checking out a session whose order
     * was already placed (and which has not been changed since) returns that order again.
     */
    checkout(id: string, expectedVersion: number, idempotencyKey?: string): CommitResult & { replayed: boolean } {
      const at = now();
      const result = db.transaction((tx) =>
        once(`checkout:${id}`, idempotencyKey, { expectedVersion }, () => {
          const session = sessionStore.get(id);
          if (!session) throw new AppError(404, 'session_not_found', `no session ${id}`);
          if (session.state === 'placed' && session.lastOrderId && session.version === expectedVersion + 1) {
            return { status: 200, body: { session, order: store.getOrder(session.lastOrderId, tx), replayedCheckout: true } };
          }
          if (session.draft) {
            throw new AppError(422, 'draft_incomplete', `finish the drink being ordered first (missing: ${session.draft.missing.join(', ')})`);
          }
          const order = placeFromSession(session, undefined, at);
          const next = sessionStore.write(
            id,
            expectedVersion,
            { state: 'placed', lang: session.lang, cart: [], draft: null, append: [], pending: null, lastOrderId: order.id },
            at,
          );
          return { status: 201, body: { session: next, order, replayedCheckout: false } };
        }),
      );
      const replayed = result.replayed || result.body.replayedCheckout;
      if (!replayed) feed.changed(true);
      return { session: result.body.session, order: result.body.order, replayed };
    },
  };
}

export type SessionTurns = ReturnType<typeof createSessionTurns>;
