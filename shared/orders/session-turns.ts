import type { Db } from '../db/open-db.ts';
import { AppError, rewordError } from '../errors.ts';
import type { MenuStore } from '../menu/menu-store.ts';
import { priceLine, type PricedLine } from '../menu/pricing.ts';
import type { createSessionAliasStore } from '../sessions/session-alias-store.ts';
import type { SessionStore } from '../sessions/session-store.ts';
import { missingDraftFields, type CommitResult, type Session, type ValidSessionCommit } from '../sessions/session-types.ts';
import type { ChangeFeed } from './change-feed.ts';
import { channelOf, type ChatTurnLog } from './chat-turn-log.ts';
import type { Idempotency } from './idempotency.ts';
import { ORDER_ERRORS } from './order-errors.ts';
import type { OrderStore } from './order-store.ts';
import type { Order, OrderChannel } from './order-types.ts';
import type { OrderWritePath } from './write-path/order-write-path.ts';
import type { Lang } from '../lang.ts';

export type SessionTurnsDeps = {
  db: Db;
  writePath: OrderWritePath;
  store: OrderStore;
  sessionStore: SessionStore;
  aliasStore: ReturnType<typeof createSessionAliasStore>;
  menuStore: MenuStore;
  turnLog: ChatTurnLog;
  once: Idempotency;
  feed: ChangeFeed;
  now: () => Date;
};

/** Chat sessions: created, found by an outside alias, committed turn by turn, checked out as an order. */
export function createSessionTurns({ db, writePath, store, sessionStore, aliasStore, menuStore, turnLog, once, feed, now }: SessionTurnsDeps) {
  // Every chat turn creates or commits a session: those writes share commits the way orders do.
  const sessionWrites = writePath.writeQueue();

  /**
   * Places an order from a session's cart; the caller runs it inside its transaction and then
   * empties the session and records the order on it.
   */
  function placeFromSession(session: Session, customerName: string | undefined, at: Date, channel: OrderChannel = 'chat_text'): Order {
    if (session.cart.lines.length === 0) throw ORDER_ERRORS.raise('empty_cart', 'the cart is empty; add a drink first');
    return store.insertOrder({ lines: session.cart.lines, sessionId: session.id, ...(customerName ? { customerName } : {}) }, menuStore.catalog(), at, channel);
  }

  /**
   * Prices the cart on the live menu. A line already in the cart, unchanged, may stay there
   * after the menu moved under it (its drink sold out, or a drink, size, option or topping the
   * owner took off the menu): it keeps its last prices, so the customer's other turns keep
   * working while the agent asks them to remove or replace it. A new or changed line must
   * price, and placeFromSession places neither.
   */
  function priceSessionCart(current: Session, lines: ValidSessionCommit['cart']): PricedLine[] {
    const catalog = menuStore.catalog();
    const { maxLines } = catalog.limits;
    if (lines.length > maxLines) throw ORDER_ERRORS.raise('too_many_lines', `at most ${maxLines} lines per order`, { max: maxLines });
    const kept = new Map(current.cart.lines.map((line) => [line.lineId, line]));
    return lines.map((line, index) => {
      try {
        return priceLine(line, line.lineId, catalog);
      } catch (error) {
        const before = kept.get(line.lineId);
        if (before && sameLine(before, line)) return before;
        if (error instanceof AppError) throw rewordError(error, `line ${index + 1}: ${error.message}`, { ...error.details, line: index + 1 });
        throw error;
      }
    });
  }

  return {
    async createSession(lang: Lang = 'zh'): Promise<Session> {
      const session = await sessionWrites.run(() => sessionStore.create(lang, now()));
      feed.changed(false);
      return session;
    },

    getSession: (id: string) => sessionStore.get(id),

    /** The session behind an outside client's own id (created on first use; `fresh` starts over). */
    async sessionForAlias(alias: string, fresh: boolean, lang: Lang = 'zh'): Promise<Session> {
      const session = await sessionWrites.run(() => aliasStore.resolve(alias, fresh, lang, now()));
      feed.changed(false);
      return session;
    },

    /** Commits one chat turn: the new cart/draft/state and messages, and the order if confirmed. */
    async commitSession(id: string, commit: ValidSessionCommit, idempotencyKey?: string): Promise<CommitResult> {
      const at = now();
      // Only the order id is kept for a replay (not the whole session with its history): a
      // retried commit answers with the session as it is now and the order it placed.
      const result = await sessionWrites.run(() => {
        const stored = once<{ orderId: string | null }>(`session:${id}`, idempotencyKey, commit, () => {
          const current = sessionStore.get(id);
          if (!current) throw ORDER_ERRORS.raise('session_not_found', `no session ${id}`);
          // Prices come from the menu, never from the client.
          const cart = priceSessionCart(current, commit.cart);
          const draft = commit.draft && missingDraftFields(commit.draft).length < 4 ? commit.draft : null;
          const change = {
            state: commit.state,
            lang: commit.lang ?? current.lang,
            cart,
            draft,
            append: commit.append,
            pending: commit.pending,
            readBack: commit.readBack,
          };
          if (commit.placeOrder && commit.expectedTotal !== undefined) {
            // The customer agreed to the total they heard: a price that changed since is read back first.
            const total = cart.reduce((sum, line) => sum + line.lineTotal, 0);
            if (total !== commit.expectedTotal) {
              throw ORDER_ERRORS.raise('total_changed', `the order now comes to ${total}, not the ${commit.expectedTotal} read back; read it back again`, {
                total,
              });
            }
          }
          const session = sessionStore.write(id, commit.expectedVersion, change, at);
          if (!commit.placeOrder) {
            if (commit.turn) turnLog.record({ sessionId: id, at, turn: commit.turn, cartLines: cart.length, placedOrderId: null });
            return { status: 200, body: { orderId: null } };
          }
          const order = placeFromSession(session, commit.customerName, at, channelOf(commit.turn));
          if (commit.turn) turnLog.record({ sessionId: id, at, turn: commit.turn, cartLines: 0, placedOrderId: order.id });
          sessionStore.write(id, session.version, { ...change, state: 'placed', cart: [], draft: null, append: [], readBack: null, lastOrderId: order.id }, at);
          return { status: 200, body: { orderId: order.id } };
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
          if (!session) throw ORDER_ERRORS.raise('session_not_found', `no session ${id}`);
          if (session.state === 'placed' && session.lastOrderId && session.version === expectedVersion + 1) {
            return { status: 200, body: { session, order: store.getOrder(session.lastOrderId, tx), replayedCheckout: true } };
          }
          if (session.draft) {
            throw ORDER_ERRORS.raise('draft_incomplete', `finish the drink being ordered first (missing: ${session.draft.missing.join(', ')})`);
          }
          const order = placeFromSession(session, undefined, at);
          const next = sessionStore.write(
            id,
            expectedVersion,
            { state: 'placed', lang: session.lang, cart: [], draft: null, append: [], pending: null, readBack: null, lastOrderId: order.id },
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

/** The same drink with the same options and quantity (prices aside). */
function sameLine(a: PricedLine, b: ValidSessionCommit['cart'][number]): boolean {
  return (
    a.itemId === b.itemId &&
    a.size === b.size &&
    a.sugar === b.sugar &&
    a.ice === b.ice &&
    a.quantity === (b.quantity ?? 1) &&
    JSON.stringify(a.toppings) === JSON.stringify(b.toppings ?? [])
  );
}
