import type { MenuStore } from '../menu/menu-store.ts';
import { priceLines } from '../menu/pricing.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { Idempotency, Stored } from './idempotency.ts';
import type { NewOrder, OrderStore } from './order-store.ts';
import type { Order, OrderLookup, OrderStatus, PublicOrder } from './order-types.ts';
import { toPublicOrder } from './queue.ts';
import type { OrderWritePath } from './write-path/order-write-path.ts';

export type OrderOperationsDeps = {
  writePath: OrderWritePath;
  store: OrderStore;
  menuStore: MenuStore;
  once: Idempotency;
  feed: ChangeFeed;
  secondsPerDrink: number;
  now: () => Date;
};

/** Placing orders, reading them, moving them along, and looking one up for a customer. */
export function createOrderOperations({ writePath, store, menuStore, once, feed, secondsPerDrink, now }: OrderOperationsDeps) {
  // On the fast path POST /orders goes through group commit (shared/db/write-batcher.ts): the
  // orders arriving in one event-loop turn share one transaction and commit, yet a failing order
  // rolls back alone. The snapshot cue and the queue listeners fire once per commit.
  const orderWrites = writePath.writeQueue<Stored<Order>>({
    afterCommit: (results) => {
      const placed = results.filter((result) => !result.replayed).length;
      if (placed > 0) feed.changed(true, placed);
    },
  });

  /** Position and ETA as the queue computes them (queue.ts), for one order; none once it is done. */
  function placeOf(order: Order): { position: number; etaSeconds: number } | undefined {
    if (order.status === 'ready') return { position: 0, etaSeconds: 0 };
    if (order.status !== 'placed' && order.status !== 'preparing') return undefined;
    const waiting = store.waitingUpTo(order);
    return { position: waiting.orders, etaSeconds: waiting.drinks * secondsPerDrink };
  }

  return {
    /** Settles once the order's batch has committed; rejects with this order's own error only. */
    async createOrder(input: NewOrder, idempotencyKey?: string): Promise<{ order: Order; replayed: boolean }> {
      // A line the menu rejects (unknown, sold out, hot where it can't be) fails here, before it
      // can make its batch run a second time (write-batcher.ts). The job prices again, against
      // the live menu at commit. Not with a key: a retry must replay even if the item has
      // sold out since.
      if (!idempotencyKey) priceLines(input.lines, menuStore.catalog(), () => '');
      const result = await orderWrites.run(() =>
        once('orders', idempotencyKey, input, () => ({
          status: 201,
          body: store.insertOrder(input, menuStore.catalog(), now()),
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
      feed.changed(true);
      return order;
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
  };
}

export type OrderOperations = ReturnType<typeof createOrderOperations>;
