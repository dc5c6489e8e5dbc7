import type { Db } from '../db/open-db.ts';
import type { OrderStore } from './order-store.ts';
import type { QueueSnapshot, StaffQueueSnapshot } from './order-types.ts';
import { buildQueueSnapshot, toPublicQueue } from './queue.ts';
import { ACTIVE_STATUSES } from './status-machine.ts';

const RECENTLY_COMPLETED = 10;

export type QueueView = {
  /** The staff board's queue: order ids and customer names included. */
  staffQueue(): StaffQueueSnapshot;
  /** The public queue (GET /queue, /queue/ws, the pickup screen): no order ids, no names. */
  queue(): QueueSnapshot;
};

/** The queue as read from the orders, in one read transaction. */
export function createQueueView({ db, store, secondsPerDrink, now }: { db: Db; store: OrderStore; secondsPerDrink: number; now: () => Date }): QueueView {
  const staffQueue = (): StaffQueueSnapshot =>
    db.transaction((tx) => {
      const active = store.listByStatus(ACTIVE_STATUSES, 'oldest', 500, tx);
      const recent = store.listByStatus(['completed'], 'newest', RECENTLY_COMPLETED, tx);
      return buildQueueSnapshot(active, recent, secondsPerDrink, now());
    });
  return { staffQueue, queue: () => toPublicQueue(staffQueue()) };
}
