import type { OpenedDb } from '../db/open-db.ts';
import { migrationStatus } from '../db/open-db.ts';
import { AppError } from '../errors.ts';
import type { HealthCheck } from '../http/function-module.ts';
import { createAvailabilityStore } from '../menu/availability-store.ts';
import { buildMenuResponse, type MenuResponse } from '../menu/menu-response.ts';
import { priceLines } from '../menu/pricing.ts';
import { createSessionAliasStore } from '../sessions/session-alias-store.ts';
import { createSessionStore } from '../sessions/session-store.ts';
import { missingDraftFields, type CommitResult, type Session, type ValidSessionCommit } from '../sessions/session-types.ts';
import { createWriteBatcher } from '../db/write-batcher.ts';
import { createIdempotency, pruneIdempotencyKeys, type Stored } from './idempotency.ts';
import { createOrderStore, type NewOrder } from './order-store.ts';
import type { Order, OrderLookup, OrderStatus, PublicOrder, QueueSnapshot, StaffQueueSnapshot } from './order-types.ts';
import { buildQueueSnapshot, toPublicOrder, toPublicQueue } from './queue.ts';
import { ACTIVE_STATUSES } from './status-machine.ts';

export type OrderServiceOptions = {
  opened: OpenedDb;
  migrationsFolder: string;
  timeZone: string;
  secondsPerDrink: number;
  now?: () => Date;
  /** Called after every committed write (the snapshotter's cue). */
  onWrite?: () => void;
};

const RECENTLY_COMPLETED = 10;

/**
 * The order domain behind the HTTP routes and the in-process client: menu, orders, the queue
 * and sessions, over one SQLite database. Input is already schema-validated; menu rules,
 * versions and idempotency are checked here.
 */
export function createOrderService({ opened, migrationsFolder, timeZone, secondsPerDrink, now = () => new Date(), onWrite }: OrderServiceOptions) {
  const { db, sqlite } = opened;
  const store = createOrderStore({ db, sqlite, timeZone });
  const sessionStore = createSessionStore(db, sqlite);
  const aliasStore = createSessionAliasStore(db, sessionStore);
  const availabilityStore = createAvailabilityStore(db);
  const listeners = new Set<() => void>();
  let writesSincePrune = 0;

  const changed = (queueChanged: boolean, writes = 1) => {
    onWrite?.();
    if (queueChanged) for (const listener of listeners) listener();
    writesSincePrune += writes;
    if (writesSincePrune >= 500) {
      writesSincePrune = 0;
      pruneIdempotencyKeys(db, now());
      sessionStore.pruneIdle(now());
      aliasStore.pruneOrphans();
    }
  };

  // POST /orders goes through group commit (shared/db/write-batcher.ts): the orders arriving
  // in one event-loop turn share one transaction and commit, yet a failing order rolls back
  // alone. The snapshot cue and the queue listeners fire once per batch, not once per order.
  const orderWrites = createWriteBatcher<Stored<Order>>({
    sqlite,
    afterCommit: (results) => {
      const placed = results.filter((result) => !result.replayed).length;
      if (placed > 0) changed(true, placed);
    },
  });

  // Every chat turn creates or commits a session: those writes share commits the same way.
  const sessionWrites = createWriteBatcher<unknown>({ sqlite });
  const once = createIdempotency(db);

  /** Places an order from a session's cart inside `tx`; the session is emptied and remembers it. */
  function placeFromSession(session: Session, customerName: string | undefined, at: Date): Order {
    if (session.cart.lines.length === 0) throw new AppError(422, 'empty_cart', 'the cart is empty; add a drink first');
    return store.insertOrder({ lines: session.cart.lines, sessionId: session.id, ...(customerName ? { customerName } : {}) }, availabilityStore.availability, at);
  }

  /** Position and ETA as the queue computes them (queue.ts), for one order; none once it is done. */
  function placeOf(order: Order): { position: number; etaSeconds: number } | undefined {
    if (order.status === 'ready') return { position: 0, etaSeconds: 0 };
    if (order.status !== 'placed' && order.status !== 'preparing') return undefined;
    const waiting = store.waitingUpTo(order);
    return { position: waiting.orders, etaSeconds: waiting.drinks * secondsPerDrink };
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
        throw new AppError(409, 'item_sold_out', `line ${index + 1}: ${line.itemId} is sold out today`, { field: 'itemId', itemId: line.itemId, line: index + 1 });
      }
    });
    return priceLines(lines).lines;
  }

  const service = {
    menu(): MenuResponse {
      return buildMenuResponse(availabilityStore.availability);
    },

    setAvailability(itemId: string, available: boolean) {
      availabilityStore.setAvailable(itemId, available);
      changed(false);
      return service.menu().items.find((item) => item.id === itemId)!;
    },

    /** Settles once the order's batch has committed; rejects with this order's own error only. */
    async createOrder(input: NewOrder, idempotencyKey?: string): Promise<{ order: Order; replayed: boolean }> {
      // A line the menu rejects (unknown, sold out, hot where it can't be) fails here, before it
      // can make its batch run a second time (write-batcher.ts). The job prices again, against
      // the availability at commit. Not with a key: a retry must replay even if the item has
      // sold out since.
      if (!idempotencyKey) priceLines(input.lines, availabilityStore.availability, () => '');
      const result = await orderWrites.run(() =>
        once('orders', idempotencyKey, input, () => ({
          status: 201,
          body: store.insertOrder(input, availabilityStore.availability, now()),
        })),
      );
      return { order: result.body, replayed: result.replayed };
    },

    /** The staff view: everything, customer name included. */
    getOrder: (id: string) => store.getOrder(id),

    /** GET /orders/:id for anyone holding the id: no name, and its place while it waits. */
    getPublicOrder(id: string): PublicOrder | null {
      const order = store.getOrder(id);
      return order ? toPublicOrder(order, placeOf(order)) : null;
    },

    listOrders: (query: { status?: OrderStatus; limit: number }) => store.listOrders(query),
    statusEvents: (id: string) => store.statusEvents(id),

    changeStatus(id: string, status: OrderStatus): Order {
      const order = store.changeStatus(id, status, now());
      changed(true);
      return order;
    },

    /** The staff board's queue: order ids and customer names included. */
    staffQueue(): StaffQueueSnapshot {
      return db.transaction((tx) => {
        const active = store.listByStatus(ACTIVE_STATUSES, 'oldest', 500, tx);
        const recent = store.listByStatus(['completed'], 'newest', RECENTLY_COMPLETED, tx);
        return buildQueueSnapshot(active, recent, secondsPerDrink, now());
      });
    },

    /** The public queue (GET /queue, /queue/ws, the pickup screen): no order ids, no names. */
    queue(): QueueSnapshot {
      return toPublicQueue(service.staffQueue());
    },

    /**
     * Status by order id or today's pickup number. The order id is echoed only when the caller
     * gave it (or `staff`): a pickup number must not turn into an order id.
     */
    lookup(ref: { orderId?: string; pickupCode?: string }, options: { staff?: boolean } = {}): OrderLookup {
      const order = ref.orderId ? store.getOrder(ref.orderId) : ref.pickupCode ? store.findByPickupCode(ref.pickupCode, now()) : null;
      const asked = ref.orderId ? { orderId: ref.orderId } : { pickupCode: ref.pickupCode ?? '' };
      if (!order) return { ...asked, found: false };
      const place = placeOf(order);
      return {
        ...(ref.orderId || options.staff ? { orderId: order.id } : {}),
        found: true,
        pickupCode: order.pickupCode,
        status: order.status,
        ...(place ? { position: place.position, etaSeconds: place.etaSeconds } : {}),
      };
    },

    /** Subscribe to queue changes (GET /queue/ws). Returns the unsubscribe function. */
    onQueueChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async createSession(lang: 'zh' | 'en' = 'zh'): Promise<Session> {
      const session = await sessionWrites.run(() => sessionStore.create(lang, now()));
      changed(false);
      return session;
    },

    getSession: (id: string) => sessionStore.get(id),

    /** The session behind an outside client's own id (created on first use; `fresh` starts over). */
    async sessionForAlias(alias: string, fresh: boolean, lang: 'zh' | 'en' = 'zh'): Promise<Session> {
      const session = (await sessionWrites.run(() => aliasStore.resolve(alias, fresh, lang, now()))) as Session;
      changed(false);
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
      changed(result.placed);
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
      if (!replayed) changed(true);
      return { session: result.body.session, order: result.body.order, replayed };
    },

    check(): HealthCheck {
      try {
        const { applied, expected } = migrationStatus(sqlite, migrationsFolder);
        const migrated = applied >= expected;
        return { status: migrated ? 'ok' : 'down', db: 'reachable', migrations: { applied, expected } };
      } catch (err) {
        return { status: 'down', db: 'unreachable', error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
  return service;
}

export type OrderService = ReturnType<typeof createOrderService>;
