// Snapshots of the live SQLite database to a path on a Modal Volume (DESIGN.md §2).
//
// The live database lives on the container's local disk (DB_PATH). After each committed
// write the order store calls markDirty(); at most `debounceMs` later a consistent copy is
// taken with SQLite's online backup API into a temp file beside the snapshot, checked,
// fsynced and renamed over DB_SNAPSHOT_PATH. Every file that can be seen at that path is
// therefore a whole, valid database. At start, restoreSnapshot() copies it back.
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { checkSnapshotOffThread } from './check-off-thread.ts';
import { assertOurDatabase } from './database-identity.ts';
import {
  checkDatabaseFile,
  copyVerified,
  DatabaseFileError,
  fsyncDir,
  fsyncFile,
  removeSideFiles,
  setRollbackJournal,
  tempPathFor,
  type LogFn,
} from './snapshot-file.ts';

export type { LogFn } from './snapshot-file.ts';

export type RestoreResult = { restored: true; bytes: number } | { restored: false; reason: 'no-snapshot' | 'live-db-exists' };

/**
 * Restores `snapshotPath` into `dbPath` before the database is opened.
 *
 * Policy: the live database wins when it already exists. It is the source every snapshot
 * is taken from, so it is never older than a snapshot written from it; on Modal the
 * container disk is fresh at every start, so there the snapshot is always what gets
 * used. No snapshot means a fresh start (first deploy). A snapshot that is empty, fails its
 * check or (with `migrationsFolder`) is not one of our databases throws, and the snapshot is
 * left as it was: starting empty would hide every order, and the next snapshot would
 * replace the volume's copy with the empty database.
 * Temp files a killed snapshot or restore left behind are removed first.
 */
export function restoreSnapshot(opts: { snapshotPath: string; dbPath: string; log: LogFn; migrationsFolder?: string }): RestoreResult {
  const { snapshotPath, dbPath, log, migrationsFolder } = opts;
  removeStaleTempFiles(snapshotPath, log);
  removeStaleTempFiles(dbPath, log);
  if (!fs.existsSync(snapshotPath)) {
    log('info', 'no database snapshot found; starting with a fresh database', { snapshotPath, dbPath });
    return { restored: false, reason: 'no-snapshot' };
  }
  if (fs.existsSync(dbPath)) {
    log('info', 'live database exists; snapshot not restored', { snapshotPath, dbPath });
    return { restored: false, reason: 'live-db-exists' };
  }
  try {
    if (fs.statSync(snapshotPath).size === 0) throw new DatabaseFileError(`${snapshotPath} is empty (0 bytes)`, snapshotPath);
    const { bytes } = copyVerified(snapshotPath, dbPath);
    try {
      // Checked on the private copy, so the volume's file is only ever read.
      if (migrationsFolder) assertOurDatabase(dbPath, migrationsFolder);
    } catch (err) {
      fs.rmSync(dbPath, { force: true });
      removeSideFiles(dbPath);
      throw err;
    }
    log('info', 'database restored from snapshot', { snapshotPath, dbPath, bytes });
    return { restored: true, bytes };
  } catch (err) {
    const cause = (err as Error).message.replaceAll(dbPath, `copy of ${snapshotPath}`);
    const message =
      `Refusing to start: the database snapshot ${snapshotPath} could not be restored (${cause}). ` +
      `It was left untouched. Restore a backup over it — on Modal: modal volume put --force tea-orders-db ` +
      `<tea_orders-YYYYMMDDTHHMMSSZ.db> /tea_orders.db, then redeploy; locally: npx tsx scripts/restore.ts --latest ` +
      `--db ${snapshotPath} --force — or move the file away to start with an empty database.`;
    log('error', 'database snapshot restore failed', { snapshotPath, dbPath, cause, howToRestore: message });
    throw new DatabaseFileError(message, snapshotPath, { cause: err });
  }
}

/** Our temp names: `.<base>.<pid>.<ms>.<random>.tmp` (tempPathFor), and SQLite's side files of them. */
export function removeStaleTempFiles(target: string, log: LogFn): void {
  const dir = path.dirname(target);
  const base = path.basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${base}\\.\\d+\\.\\d+\\.[a-z0-9]*\\.tmp(-wal|-shm|-journal)?$`);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.filter((entry) => pattern.test(entry))) {
    fs.rmSync(path.join(dir, name), { force: true });
    log('info', 'removed a stale snapshot temp file', { file: path.join(dir, name) });
  }
}

export type SnapshotterState = {
  dirty: boolean;
  running: boolean;
  closed: boolean;
  lastSnapshotAt: string | null;
  lastDurationMs: number | null;
  consecutiveFailures: number;
};

export type Snapshotter = {
  /** Call after each committed write. Cheap; never throws. */
  markDirty(): void;
  /** Writes a snapshot now if there are unsnapshotted writes; waits for one in progress. Never rejects. */
  flush(): Promise<void>;
  /** flush(), then stop: cancels timers, later markDirty() calls are ignored. Call before db.close(). */
  close(): Promise<void>;
  /**
   * The forced-exit path: writes a snapshot synchronously (VACUUM INTO), so it is complete
   * before process.exit(), then stops like close(). Throws if it fails.
   */
  closeNowSync(): void;
  state(): SnapshotterState;
};

const MAX_RETRY_MS = 60_000;

/**
 * Debounce is a throttle on purpose: the first write after a snapshot starts the timer
 * and later writes do not push it back, so under steady load a snapshot is still taken
 * every `debounceMs` (a trailing debounce would never fire while orders keep coming).
 * Never two snapshots at once; a write during a snapshot schedules the next one.
 * A failed snapshot is logged once, with its cause, and retried with backoff.
 */
export function createSnapshotter(opts: { db: Database.Database; snapshotPath: string; debounceMs?: number; log: LogFn }): Snapshotter {
  const { db, snapshotPath, log } = opts;
  const debounceMs = opts.debounceMs ?? 1000;

  let dirty = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let lastSnapshotAt: string | null = null;
  let lastDurationMs: number | null = null;
  let consecutiveFailures = 0;

  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };

  const schedule = (delayMs: number) => {
    if (closed || timer || running) return;
    timer = setTimeout(() => {
      timer = undefined;
      void runOnce();
    }, delayMs);
    timer.unref();
  };

  const retryDelay = () => Math.min(debounceMs * 2 ** Math.min(consecutiveFailures, 16), MAX_RETRY_MS);

  const runOnce = (): Promise<void> => {
    if (running) return running;
    clearTimer();
    dirty = false;
    const started = Date.now();
    running = writeSnapshot(db, snapshotPath)
      .then(() => {
        lastDurationMs = Date.now() - started;
        lastSnapshotAt = new Date().toISOString();
        if (consecutiveFailures > 0) log('info', 'database snapshot recovered', { snapshotPath, consecutiveFailures });
        consecutiveFailures = 0;
      })
      .catch((err: unknown) => {
        dirty = true;
        consecutiveFailures += 1;
        log('error', 'database snapshot failed', {
          snapshotPath,
          consecutiveFailures,
          cause: err instanceof Error ? err.message : String(err),
        });
      })
      .finally(() => {
        running = undefined;
        if (dirty) schedule(consecutiveFailures > 0 ? retryDelay() : debounceMs);
      });
    return running;
  };

  const flush = async () => {
    clearTimer();
    if (running) await running;
    if (dirty) await runOnce();
  };

  return {
    markDirty() {
      if (closed) return;
      dirty = true;
      schedule(debounceMs);
    },
    flush,
    async close() {
      if (closed) return;
      await flush();
      closed = true;
      clearTimer();
    },
    closeNowSync() {
      if (closed) return;
      closed = true;
      clearTimer();
      if (!db.open) return;
      writeSnapshotSync(db, snapshotPath);
      dirty = false;
      lastSnapshotAt = new Date().toISOString();
    },
    state: () => ({
      dirty,
      running: running !== undefined,
      closed,
      lastSnapshotAt,
      lastDurationMs,
      consecutiveFailures,
    }),
  };
}

function writeSnapshotSync(db: Database.Database, snapshotPath: string): void {
  const dir = path.dirname(snapshotPath);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = tempPathFor(snapshotPath);
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    finishSnapshot(tmp, snapshotPath);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    removeSideFiles(tmp);
    throw err;
  }
}

const BACKUP_PAGES_PER_STEP = 100;

/**
 * Online backup into a temp file in the snapshot's directory, checked, fsynced, renamed.
 * Only the backup steps run on the event loop, each bounded; the check and fsync, which
 * read or write the whole file, run off it.
 */
async function writeSnapshot(db: Database.Database, snapshotPath: string): Promise<void> {
  const dir = path.dirname(snapshotPath);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = tempPathFor(snapshotPath);
  try {
    // Writes made through `db` while the backup runs are applied to the copy by SQLite,
    // so the result is one consistent point in time.
    // A bounded number of pages per step; better-sqlite3 yields to the event loop between
    // steps, so no step blocks for long (about 5 ms per 100 pages measured).
    await db.backup(tmp, { progress: () => BACKUP_PAGES_PER_STEP });
    await checkSnapshotOffThread(tmp);
    const fd = await fs.promises.open(tmp, 'r+');
    try {
      await fd.sync();
    } finally {
      await fd.close();
    }
    fs.renameSync(tmp, snapshotPath);
    fsyncDir(path.dirname(snapshotPath));
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    removeSideFiles(tmp);
    throw err;
  }
}

/** Checks a freshly written temp copy, makes it durable and renames it over the snapshot. */
function finishSnapshot(tmp: string, snapshotPath: string): void {
  setRollbackJournal(tmp);
  checkDatabaseFile(tmp, 'quick');
  fsyncFile(tmp);
  fs.renameSync(tmp, snapshotPath);
  fsyncDir(path.dirname(snapshotPath));
}
