import type { OpenedDb } from '../db/open-db.ts';
import { defaultMenuDefinition } from '../menu/load-menu-file.ts';
import { createMenuStore } from '../menu/menu-store.ts';
import type { MenuDefinition } from '../menu/menu-types.ts';
import { createReports } from '../reports/reports.ts';
import { createSessionAliasStore } from '../sessions/session-alias-store.ts';
import { createSessionStore } from '../sessions/session-store.ts';
import { createChangeFeed } from './change-feed.ts';
import { createChatTurnLog } from './chat-turn-log.ts';
import { createIdempotency } from './idempotency.ts';
import { createRetention } from './retention.ts';
import { createMenuOperations } from './menu-operations.ts';
import { checkOrderDatabase } from './order-health.ts';
import { createOrderOperations } from './order-operations.ts';
import { createOrderStore } from './order-store.ts';
import { createQueueView } from './queue-view.ts';
import { createSessionTurns } from './session-turns.ts';
import { createFastWritePath } from './write-path/fast-write-path.ts';
import { createPlainWritePath } from './write-path/plain-write-path.ts';

export type OrderServiceOptions = {
  opened: OpenedDb;
  migrationsFolder: string;
  timeZone: string;
  secondsPerDrink: number;
  /** Seeds a new database's menu (MENU_FILE); default: the embedded default menu. */
  seedMenu?: MenuDefinition;
  now?: () => Date;
  /** Called after every committed write (the snapshotter's cue). */
  onWrite?: () => void;
  /** Group commit, compiled statements and pooled id bytes (write-path/fast-write-path.ts); default true. */
  fastPath?: boolean;
};

/**
 * The order domain behind the HTTP routes and the in-process client, over one SQLite database:
 * the live menu and its versions, orders, the queue, sessions and the health check, each in its own
 * module, sharing the stores and one change feed. Input is already schema-validated; menu
 * rules, versions and idempotency are checked here.
 */
export function createOrderService({
  opened,
  migrationsFolder,
  timeZone,
  secondsPerDrink,
  seedMenu,
  now = () => new Date(),
  onWrite,
  fastPath = true,
}: OrderServiceOptions) {
  const { db, sqlite } = opened;
  const writePath = fastPath ? createFastWritePath(db, sqlite) : createPlainWritePath(db);
  const store = createOrderStore({ db, writePath, timeZone });
  const sessionStore = createSessionStore(db, sqlite);
  const aliasStore = createSessionAliasStore(db, sessionStore);
  const menuStore = createMenuStore(db, { seed: seedMenu ?? defaultMenuDefinition(), now });
  const once = createIdempotency(db, now);
  const turnLog = createChatTurnLog(db, timeZone);
  const retention = createRetention({
    sqlite,
    now,
    timeZone,
    onDone: (result) => {
      if (Object.values(result.deleted).some((count) => count > 0)) onWrite?.();
    },
  });
  // Pruning runs on the write count (below) and on time, so a quiet shop prunes too.
  retention.start();
  const feed = createChangeFeed({
    ...(onWrite ? { onWrite } : {}),
    prune: () => void retention.run(),
  });

  return {
    ...createMenuOperations(menuStore, feed),
    ...createOrderOperations({ writePath, store, menuStore, once, feed, secondsPerDrink, now }),
    ...createQueueView({ db, store, secondsPerDrink, now }),
    onQueueChange: feed.onQueueChange,
    /** True when this start seeded the menu (a new database). */
    menuSeeded: menuStore.seeded,
    ...createSessionTurns({ db, writePath, store, sessionStore, aliasStore, menuStore, turnLog, once, feed, now }),
    reports: createReports({ sqlite, timeZone, now, catalog: () => menuStore.catalog() }),
    /** Prunes stale rows now (tests; the timer and the write count do it otherwise). */
    prune: () => retention.run(),
    /** Stops the pruning timer (before the database closes). */
    close: () => retention.stop(),
    check: () => checkOrderDatabase(sqlite, migrationsFolder),
  };
}

export type OrderService = ReturnType<typeof createOrderService>;
