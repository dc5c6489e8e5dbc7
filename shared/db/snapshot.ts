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

export type RestoreResult =
  | { restored: true; bytes: number }
  | { restored: false; reason: 'no-snapshot' | 'live-db-exists' };

/**
 * Restores `snapshotPath` into `dbPath` before the database is opened.
 *
 * Policy: the live database wins when it already exists. It is the source every snapshot
 * is taken from, so it is never older than a snapshot written from it; on Modal the
 * container disk is fresh at every start, so there the snapshot is always what gets
 * used. No snapshot means a fresh start (first deploy). A snapshot that fails
 * `PRAGMA integrity_check` throws: starting empty would silently hide every order.
 */
export function restoreSnapshot(opts: { snapshotPath: string; dbPath: string; log: LogFn }): RestoreResult {
  const { snapshotPath, dbPath, log } = opts;
  if (!fs.existsSync(snapshotPath)) {
    log('info', 'no database snapshot found; starting with a fresh database', { snapshotPath, dbPath });
    return { restored: false, reason: 'no-snapshot' };
  }
  if (fs.existsSync(dbPath)) {
    log('info', 'live database exists; snapshot not restored', { snapshotPath, dbPath });
    return { restored: false, reason: 'live-db-exists' };
  }
  try {
    const { bytes } = copyVerified(snapshotPath, dbPath);
    log('info', 'database restored from snapshot', { snapshotPath, dbPath, bytes });
    return { restored: true, bytes };
  } catch (err) {
    const message =
      `Refusing to start: the database snapshot ${snapshotPath} could not be restored ` +
      `(${(err as Error).message}). Restore a backup with scripts/restore.ts or move the file away.`;
    log('error', 'database snapshot restore failed', { snapshotPath, dbPath, cause: (err as Error).message });
    throw new DatabaseFileError(message, snapshotPath, { cause: err });
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
export function createSnapshotter(opts: {
  db: Database.Database;
  snapshotPath: string;
  debounceMs?: number;
  log: LogFn;
}): Snapshotter {
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

/** Online backup into a temp file in the snapshot's directory, checked, fsynced, renamed. */
async function writeSnapshot(db: Database.Database, snapshotPath: string): Promise<void> {
  const dir = path.dirname(snapshotPath);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = tempPathFor(snapshotPath);
  try {
    // Writes made through `db` while the backup runs are applied to the copy by SQLite,
    // so the result is one consistent point in time.
    await db.backup(tmp);
    setRollbackJournal(tmp);
    checkDatabaseFile(tmp, 'quick');
    fsyncFile(tmp);
    fs.renameSync(tmp, snapshotPath);
    fsyncDir(dir);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    removeSideFiles(tmp);
    throw err;
  }
}
