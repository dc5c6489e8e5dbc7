import { readHttpConfig } from '../../shared/config/http-config.ts';
import { startBackgroundCheckpoints } from '../../shared/db/background-checkpoints.ts';
import { findMigrationsFolder, openDb } from '../../shared/db/open-db.ts';
import { createSnapshotter, restoreSnapshot, type LogFn } from '../../shared/db/snapshot.ts';
import type { OpenFunction } from '../../shared/http/function-module.ts';
import { isEntryPoint, runStandalone } from '../../shared/http/serve.ts';
import { loadMenuFile } from '../../shared/menu/load-menu-file.ts';
import { createInProcessOrderClient } from '../../shared/order-client/in-process-order-client.ts';
import { createOrderService } from '../../shared/orders/order-service.ts';
import { createOrderApp } from './app.ts';
import { plainFrames, sharedDeflateFrames } from './queue-frames.ts';
import { readOrderConfig } from './config.ts';

export const openFunction: OpenFunction = async ({ env, log }) => {
  const config = readOrderConfig(env);
  // A bad menu file stops the start, before anything is opened (every problem named).
  const seedMenu = config.menuFile ? loadMenuFile(config.menuFile) : undefined;
  const { allowedOrigins, trustProxyHops } = readHttpConfig(env);
  const migrationsFolder = findMigrationsFolder();
  const logFn: LogFn = (level, msg, fields) => log[level](msg, { fn: 'order', ...fields });
  // On Modal the live db is on local disk and the snapshot on the volume (DESIGN.md §2).
  if (config.snapshotPath) restoreSnapshot({ snapshotPath: config.snapshotPath, dbPath: config.dbPath, log: logFn, migrationsFolder });
  const opened = openDb(config.dbPath, migrationsFolder);
  const snapshotter = config.snapshotPath
    ? createSnapshotter({ db: opened.sqlite, snapshotPath: config.snapshotPath, debounceMs: config.snapshotDebounceMs, log: logFn })
    : undefined;
  // Without snapshots nothing else checkpoints: a worker does, so no commit waits for an fsync of the file.
  const checkpoints = !snapshotter && config.dbPath !== ':memory:' ? startBackgroundCheckpoints(opened.sqlite, config.dbPath) : undefined;
  const service = createOrderService({
    opened,
    migrationsFolder,
    timeZone: config.timeZone,
    secondsPerDrink: config.secondsPerDrink,
    fastPath: config.fastPath,
    ...(seedMenu ? { seedMenu } : {}),
    ...(snapshotter ? { onWrite: () => snapshotter.markDirty() } : {}),
  });
  // A fresh start from the migrations alone is worth a first snapshot too.
  snapshotter?.markDirty();
  const app = createOrderApp({
    service,
    log,
    allowedOrigins,
    trustProxyHops,
    orderRatePerMinute: config.orderRatePerMinute,
    queueWatchLimits: config.queueWatchLimits,
    queueFrames: config.fastPath ? sharedDeflateFrames : plainFrames,
    ...(config.staffToken ? { staffToken: config.staffToken } : {}),
    ...(config.ownerToken ? { ownerToken: config.ownerToken } : {}),
    ...(config.internalToken ? { internalToken: config.internalToken } : {}),
  });
  log.info('order service ready', {
    fn: 'order',
    dbPath: config.dbPath,
    snapshotPath: config.snapshotPath ?? null,
    staffApi: config.staffToken ? 'enabled' : 'disabled',
    ownerApi: config.ownerToken ? 'enabled' : 'disabled',
    menuVersion: service.catalog().version,
    menuSource: service.menuSeeded ? (config.menuFile ?? 'embedded default') : 'database',
  });
  if (config.menuFile && !service.menuSeeded) {
    log.info('MENU_FILE seeds a new database only; this one already has its menu (import a file with PUT /menu)', { fn: 'order', menuFile: config.menuFile });
  }
  return {
    name: 'order',
    app,
    orderClient: createInProcessOrderClient(service),
    onQueueChange: (listener) => service.onQueueChange(listener),
    check: async () => service.check(),
    close: async () => {
      // The final snapshot is written before the database closes (SIGTERM on Modal).
      await checkpoints?.stop();
      service.close();
      await snapshotter?.close();
      opened.close();
    },
    closeNow: () => {
      checkpoints?.stopNow();
      service.close();
      snapshotter?.closeNowSync();
      if (opened.sqlite.open) opened.close();
    },
  };
};

if (isEntryPoint(import.meta.url)) void runStandalone('order', openFunction, process.env);
