import type { OpenedDb } from '../db/open-db.ts';
import { createAvailabilityStore } from '../menu/availability-store.ts';
import { createSessionAliasStore } from '../sessions/session-alias-store.ts';
import { createSessionStore } from '../sessions/session-store.ts';
import { createChangeFeed } from './change-feed.ts';
import { createIdempotency, pruneIdempotencyKeys } from './idempotency.ts';
import { createMenuAvailability } from './menu-availability.ts';
import { checkOrderDatabase } from './order-health.ts';
import { createOrderOperations } from './order-operations.ts';
import { createOrderStore } from './order-store.ts';
import { createQueueView } from './queue-view.ts';
import { createSessionTurns } from './session-turns.ts';

export type OrderServiceOptions = {
  opened: OpenedDb;
  migrationsFolder: string;
  timeZone: string;
  secondsPerDrink: number;
  now?: () => Date;
  /** Called after every committed write (the snapshotter's cue). */
  onWrite?: () => void;
};

/**
 * The order domain behind the HTTP routes and the in-process client, over one SQLite database:
 * the menu's availability, orders, the queue, sessions and the health check, each in its own
 * module, sharing the stores and one change feed. Input is already schema-validated; menu
 * rules, versions and idempotency are checked here.
 */
export function createOrderService({ opened, migrationsFolder, timeZone, secondsPerDrink, now = () => new Date(), onWrite }: OrderServiceOptions) {
  const { db, sqlite } = opened;
  const store = createOrderStore({ db, sqlite, timeZone });
  const sessionStore = createSessionStore(db, sqlite);
  const aliasStore = createSessionAliasStore(db, sessionStore);
  const availabilityStore = createAvailabilityStore(db);
  const once = createIdempotency(db, now);
  const feed = createChangeFeed({
    ...(onWrite ? { onWrite } : {}),
    prune: () => {
      pruneIdempotencyKeys(db, now());
      sessionStore.pruneIdle(now());
      aliasStore.pruneOrphans();
    },
  });

  return {
    ...createMenuAvailability(availabilityStore, feed),
    ...createOrderOperations({ sqlite, store, availabilityStore, once, feed, secondsPerDrink, now }),
    ...createQueueView({ db, store, secondsPerDrink, now }),
    onQueueChange: feed.onQueueChange,
    ...createSessionTurns({ db, sqlite, store, sessionStore, aliasStore, availabilityStore, once, feed, now }),
    check: () => checkOrderDatabase(sqlite, migrationsFolder),
  };
}

export type OrderService = ReturnType<typeof createOrderService>;
