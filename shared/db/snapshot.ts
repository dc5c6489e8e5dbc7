// Snapshots of the live SQLite database to a path on a Modal Volume (DESIGN.md §2), by WAL
// shipping: a whole base now and then, small segment databases in between (as Litestream does).
//
// Why: copying the whole database after every burst of writes costs time and bytes that grow
// with the shop's history (532 MB and 1.5 s per burst at 500k orders), for a change of a few
// pages. Shipping only the pages a burst changed costs in proportion to the change, and every
// file on the volume is still a whole SQLite database that opens on its own:
//
// - The live database (local disk) stays in WAL mode with wal_autocheckpoint = 0: this module
//   owns its checkpoints, so no frame leaves the WAL before it was read.
// - A tick (debounced after writes, ~1 s) reads the frames committed since the last one
//   (snapshot-wal.ts: salts and checksums verified, latest page image wins, up to the last commit
//   frame), and writes them as a segment `tea_orders.db.seg-<generation>-<seq>`: a small SQLite
//   database of (pgno, page) rows and a meta row (snapshot-segment.ts). It is written to a temp
//   name, fsynced off the event loop, then renamed. When the WAL holds 1000 frames or more (SQLite's
//   own autocheckpoint size) and everything in it was read (same synchronous step, so nothing
//   can commit in between), it is checkpointed with TRUNCATE and starts again.
// - DB_SNAPSHOT_PATH stays a whole base: the online backup in 100-page steps that yield, checked
//   and hashed in a worker (check-off-thread.ts). Its generation is the first 16 hex digits of its
//   SHA-256 and every segment carries the full hash, so a segment can only ever be applied to the
//   exact base it was cut from, whatever order a crash, an operator's `modal volume put` or
//   an old deploy left the files in. A new base is written on the first snapshot after start,
//   after `maxSegments` segments or when they add up to `maxSegmentRatio` of the base; then the
//   older segments are removed. A failed segment (frames may already be checkpointed away) makes
//   the next tick a base: the chain never has a gap.
// - Restore (snapshot-chain.ts; modal/backup_job.py for the cron) copies the base, applies its
//   generation's segments 1, 2, ... page by page and cuts the file to the last one's size, then
//   checks it. A missing or broken segment stops the chain at the last good one, with an error in
//   the log; segments of other generations are removed.
// A crash (no SIGTERM) still loses at most the last tick's writes; close() on SIGTERM ships the
// last segment; closeNowSync() (forced exit) writes one synchronously, or a VACUUM INTO base.
// Without WAL mode (tests, :memory:) every snapshot is a base, as before.
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import * as v from 'valibot';
import { messageOf } from '../errors.ts';
import { copySnapshot } from './snapshot-chain.ts';
import { assertOurDatabase } from './database-identity.ts';
import { DatabaseFileError, removeSideFiles, removeStaleTempFiles, type LogFn } from './snapshot-file.ts';
import { generationOf } from './snapshot-segment.ts';
import { readWal, type WalChanges, type WalCursor } from './snapshot-wal.ts';
import { compactOnVolume, SnapshotAbortedError, writeBase, writeBaseSync, writeSegment, writeSegmentSync } from './snapshot-write.ts';

export type { LogFn } from './snapshot-file.ts';

export type RestoreResult =
  | { restored: true; bytes: number; generation: string | null; segments: number }
  | { restored: false; reason: 'no-snapshot' | 'live-db-exists' };

/**
 * Restores `snapshotPath` (its base and segments) into `dbPath` before the database is opened.
 *
 * Policy: the live database wins when it already exists. It is the source every snapshot
 * is taken from, so it is never older than a snapshot written from it; on Modal the
 * container disk is fresh at every start, so there the snapshot is always what gets
 * used. No snapshot means a fresh start (first deploy). A snapshot that is empty, fails its
 * check or (with `migrationsFolder`) is not one of our databases throws, and the snapshot is
 * left as it was: starting empty would hide every order, and the next snapshot would
 * replace the volume's copy with the empty database.
 * Temp files a killed snapshot or restore left behind are removed first, and segments that
 * belong to no base on the volume after it.
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
    const { bytes, chain } = copySnapshot(snapshotPath, dbPath, { check: 'quick', log });
    try {
      // Checked on the private copy, so the volume's file is only ever read.
      if (migrationsFolder) assertOurDatabase(dbPath, migrationsFolder);
    } catch (err) {
      fs.rmSync(dbPath, { force: true });
      removeSideFiles(dbPath);
      throw err;
    }
    for (const file of chain.stale) {
      fs.rmSync(file, { force: true });
      log('info', 'removed a snapshot segment of another generation', { file });
    }
    log('info', 'database restored from snapshot', { snapshotPath, dbPath, bytes, generation: chain.generation, segments: chain.applied });
    return { restored: true, bytes, generation: chain.generation, segments: chain.applied };
  } catch (err) {
    const cause = messageOf(err).replaceAll(dbPath, `copy of ${snapshotPath}`);
    const message =
      `Refusing to start: the database snapshot ${snapshotPath} could not be restored (${cause}). ` +
      `It was left untouched. Restore a backup over it — on Modal: modal volume put --force tea-orders-db ` +
      `<tea_orders-YYYYMMDDTHHMMSSZ.db> /tea_orders.db, then redeploy; locally: npx tsx scripts/restore.ts --latest ` +
      `--db ${snapshotPath} --force — or move the file away to start with an empty database.`;
    log('error', 'database snapshot restore failed', { snapshotPath, dbPath, cause, howToRestore: message });
    throw new DatabaseFileError(message, snapshotPath, { cause: err });
  }
}

export type SnapshotKind = 'base' | 'segment';

export type SnapshotterState = {
  dirty: boolean;
  running: boolean;
  closed: boolean;
  lastSnapshotAt: string | null;
  lastDurationMs: number | null;
  consecutiveFailures: number;
  /** `wal`: bases and segments; `whole`: the database is not in WAL mode, every snapshot is a base. */
  mode: 'wal' | 'whole';
  /** What the last snapshot wrote: its kind, bytes written to the volume and pages shipped. */
  lastKind: SnapshotKind | null;
  lastBytesWritten: number | null;
  lastPages: number | null;
  totalBytesWritten: number;
  bases: number;
  segments: number;
  /** Of the bases, how many were compacted from the volume's base and segments (never reading the live database). */
  compactions: number;
  /** The generation of the base on the volume and how many segments follow it; null until a base is written. */
  generation: string | null;
  chainSegments: number;
};

export type Snapshotter = {
  /** Call after each committed write. Cheap; never throws. */
  markDirty(): void;
  /**
   * Writes a snapshot now if there are unsnapshotted writes (with `base`, a new base in any case);
   * waits for one in progress. Never rejects.
   */
  flush(opts?: { base?: boolean }): Promise<void>;
  /** flush(), then stop: cancels timers, later markDirty() calls are ignored. Call before db.close(). */
  close(): Promise<void>;
  /**
   * The forced-exit path: writes a segment (or, with no chain to extend, a VACUUM INTO base)
   * synchronously, so it is complete before process.exit(), then stops like close(). Throws if it fails.
   */
  closeNowSync(): void;
  state(): SnapshotterState;
};

export type SnapshotterOptions = {
  db: Database.Database;
  snapshotPath: string;
  debounceMs?: number;
  log: LogFn;
  /** A new base after this many segments (default 500); 0 makes every snapshot a base. */
  maxSegments?: number;
  /** ...or once the segments add up to this fraction of the base's bytes (default 0.25). */
  maxSegmentRatio?: number;
  /** Checkpoint the WAL once it holds this many frames (default 1000, SQLite's autocheckpoint). */
  checkpointFrames?: number;
};

const MAX_RETRY_MS = 60_000;

type Chain = { generation: string; baseHash: string; pageSize: number; baseBytes: number; nextSeq: number; segmentBytes: number };
type Written = { kind: SnapshotKind; bytes: number; pages: number } | null;

/**
 * Debounce is a throttle on purpose: the first write after a snapshot starts the timer
 * and later writes do not push it back, so under steady load a snapshot is still taken
 * every `debounceMs` (a trailing debounce would never fire while orders keep coming).
 * Never two snapshots at once; a write during a snapshot schedules the next one.
 * A failed snapshot is logged once, with its cause, and retried with backoff.
 */
export function createSnapshotter(opts: SnapshotterOptions): Snapshotter {
  const { db, snapshotPath, log } = opts;
  const debounceMs = opts.debounceMs ?? 1000;
  const maxSegments = opts.maxSegments ?? 500;
  const maxSegmentRatio = opts.maxSegmentRatio ?? 0.25;
  const checkpointFrames = opts.checkpointFrames ?? 1000;
  const walPath = `${db.name}-wal`;
  const walMode = !db.memory && db.pragma('journal_mode', { simple: true }) === 'wal';
  if (walMode) db.pragma('wal_autocheckpoint = 0');

  let dirty = false;
  let closed = false;
  let closing = false;
  let forceBase = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let lastSnapshotAt: string | null = null;
  let lastDurationMs: number | null = null;
  let consecutiveFailures = 0;
  let chain: Chain | null = null;
  let cursor: WalCursor | null = null;
  let last: Written = null;
  const totals = { bytes: 0, bases: 0, segments: 0, compactions: 0 };
  const aborted = () => closed;
  const count = (kind: SnapshotKind, bytes: number) => {
    totals.bytes += bytes;
    if (kind === 'base') totals.bases += 1;
    else totals.segments += 1;
  };

  /** The committed changes since the last read, or null when the WAL restarted unseen (a gap). */
  const readChanges = (): WalChanges | null => {
    const read = readWal(walPath, cursor);
    if (read.kind === 'changes') {
      cursor = read.cursor;
      return read.changes;
    }
    if (chain) log('warn', 'the WAL restarted outside the snapshotter; the next snapshot is a new base', { snapshotPath, reason: read.reason });
    chain = null;
    const fresh = readWal(walPath, null);
    cursor = fresh.kind === 'changes' ? fresh.cursor : null;
    return null;
  };

  /** Call in the same synchronous step as readChanges(): nothing can commit in between. */
  const checkpointIfLarge = () => {
    if (!cursor || db.inTransaction) return;
    const frames = (cursor.offset - 32) / (24 + cursor.pageSize);
    if (frames < checkpointFrames || fs.statSync(walPath).size !== cursor.offset) return;
    db.pragma('wal_checkpoint(TRUNCATE)');
    if (!fs.existsSync(walPath) || fs.statSync(walPath).size === 0) cursor = null;
  };

  const chainFull = (c: Chain) => c.nextSeq > maxSegments || c.segmentBytes > maxSegmentRatio * c.baseBytes;

  const shipSegment = async (c: Chain, changes: WalChanges): Promise<Written> => {
    const meta = { generation: c.generation, seq: c.nextSeq, baseHash: c.baseHash, pageSize: c.pageSize, dbPages: changes.dbPages };
    try {
      const bytes = await writeSegment(snapshotPath, meta, changes.pages, aborted);
      c.nextSeq += 1;
      c.segmentBytes += bytes;
      count('segment', bytes);
      return { kind: 'segment', bytes, pages: changes.pages.size };
    } catch (err) {
      chain = null; // its frames may be checkpointed away already: only a new base closes the gap
      throw err;
    }
  };

  const shipBase = async (): Promise<Written> => {
    chain = null;
    const { bytes, hash } = await writeBase(db, snapshotPath, aborted, log);
    const pageSize = v.parse(v.number(), db.pragma('page_size', { simple: true }));
    if (walMode) chain = { generation: generationOf(hash), baseHash: hash, pageSize, baseBytes: bytes, nextSeq: 1, segmentBytes: 0 };
    count('base', bytes);
    return { kind: 'base', bytes, pages: Math.round(bytes / pageSize) };
  };

  /** After a segment filled the chain: a new base from the volume's files, off the event loop. */
  const compact = async (c: Chain, segment: Written): Promise<Written> => {
    chain = null; // until the new base is in place, a failure means a base from the live database next
    const { bytes, hash } = await compactOnVolume(snapshotPath, { ...c, segments: c.nextSeq - 1 }, aborted, log);
    chain = { generation: generationOf(hash), baseHash: hash, pageSize: c.pageSize, baseBytes: bytes, nextSeq: 1, segmentBytes: 0 };
    totals.compactions += 1;
    count('base', bytes);
    return { kind: 'base', bytes: bytes + (segment?.bytes ?? 0), pages: Math.round(bytes / c.pageSize) };
  };

  const takeSnapshot = async (): Promise<Written> => {
    const wantBase = forceBase;
    forceBase = false;
    if (!walMode || maxSegments === 0) return shipBase();
    // Synchronous up to the first await: the read and the checkpoint see the same WAL.
    const changes = readChanges();
    checkpointIfLarge();
    const c = chain;
    if (!c || !changes || wantBase) return shipBase();
    const segment = changes.commits > 0 ? await shipSegment(c, changes) : null;
    // Not while closing: SIGTERM wants a quick exit, and the next start writes a base anyway.
    return chainFull(c) && !closing ? compact(c, segment) : segment;
  };

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

  const record = (written: Written, started: number) => {
    lastDurationMs = Date.now() - started;
    lastSnapshotAt = new Date().toISOString();
    if (written) last = written;
  };

  const runOnce = (): Promise<void> => {
    if (running) return running;
    clearTimer();
    dirty = false;
    const started = Date.now();
    running = Promise.resolve()
      .then(takeSnapshot)
      .then((written) => {
        record(written, started);
        if (consecutiveFailures > 0) log('info', 'database snapshot recovered', { snapshotPath, consecutiveFailures });
        consecutiveFailures = 0;
      })
      .catch((err: unknown) => {
        if (err instanceof SnapshotAbortedError) return;
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

  const flush = async (flushOpts?: { base?: boolean }) => {
    clearTimer();
    if (running) await running;
    if (flushOpts?.base && !closed) forceBase = true;
    if (dirty || forceBase) await runOnce();
  };

  /** Synchronous: a segment when the chain can be extended now, otherwise a whole base. */
  const snapshotNowSync = (): Written => {
    const c = !running && walMode ? chain : null;
    const changes = c ? readChanges() : null;
    if (c && changes && chain === c && !chainFull(c)) {
      if (changes.commits === 0) return null;
      const meta = { generation: c.generation, seq: c.nextSeq, baseHash: c.baseHash, pageSize: c.pageSize, dbPages: changes.dbPages };
      const bytes = writeSegmentSync(snapshotPath, meta, changes.pages);
      c.nextSeq += 1;
      count('segment', bytes);
      return { kind: 'segment', bytes, pages: changes.pages.size };
    }
    chain = null;
    writeBaseSync(db, snapshotPath, log);
    const bytes = fs.statSync(snapshotPath).size;
    count('base', bytes);
    return { kind: 'base', bytes, pages: 0 };
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
      closing = true;
      await flush();
      closed = true;
      clearTimer();
    },
    closeNowSync() {
      if (closed) return;
      closed = true; // also abandons an asynchronous snapshot under way before its rename
      clearTimer();
      if (!db.open) return;
      const started = Date.now();
      if (dirty || running || !lastSnapshotAt) record(snapshotNowSync(), started);
      dirty = false;
    },
    state: () => ({
      dirty,
      running: running !== undefined,
      closed,
      lastSnapshotAt,
      lastDurationMs,
      consecutiveFailures,
      mode: walMode ? 'wal' : 'whole',
      lastKind: last?.kind ?? null,
      lastBytesWritten: last?.bytes ?? null,
      lastPages: last?.pages ?? null,
      totalBytesWritten: totals.bytes,
      bases: totals.bases,
      segments: totals.segments,
      compactions: totals.compactions,
      generation: chain?.generation ?? null,
      chainSegments: chain ? chain.nextSeq - 1 : 0,
    }),
  };
}
