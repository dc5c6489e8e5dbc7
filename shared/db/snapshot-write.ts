// The files a snapshot writes on the volume: a whole base or a segment, each into a temp name
// beside the snapshot, fsynced, then renamed into place (see snapshot.ts for the design).
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { checkSnapshotOffThread } from './check-off-thread.ts';
import {
  checkDatabaseFile,
  fsyncDir,
  fsyncDirAsync,
  fsyncFile,
  fsyncFileAsync,
  removeSideFiles,
  setRollbackJournal,
  tempPathFor,
  type LogFn,
} from './snapshot-file.ts';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { applySegment } from './snapshot-chain.ts';
import { listSegments, type SegmentMeta, segmentPath, writeSegmentFile } from './snapshot-segment.ts';

/** Thrown when closeNowSync() took over while an asynchronous snapshot was under way. */
export class SnapshotAbortedError extends Error {
  constructor() {
    super('snapshot abandoned: a forced final snapshot took over');
    this.name = 'SnapshotAbortedError';
  }
}

const BACKUP_PAGES_PER_STEP = 100;
/** About 2 MB of 4 KB pages between background flushes of a base being written. */
const FLUSH_EVERY_STEPS = 5;

/**
 * Renames `tmp` over `target` without freeing the old file's blocks on the event loop: the
 * rename would unlink a whole base there (~65 ms for 280 MB on ext4, measured). Held open, the
 * old inode outlives the rename, and the close that frees it runs on the libuv pool.
 */
async function renameOver(tmp: string, target: string, aborted: () => boolean): Promise<void> {
  const old = await fs.promises.open(target, 'r').catch(() => undefined);
  try {
    // Checked in the same synchronous step as the rename: a forced final snapshot always wins.
    if (aborted()) throw new SnapshotAbortedError();
    fs.renameSync(tmp, target);
  } finally {
    await old?.close();
  }
}

async function inTemp<T>(snapshotPath: string, write: (tmp: string) => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(snapshotPath), { recursive: true });
  const tmp = tempPathFor(snapshotPath);
  try {
    return await write(tmp);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    removeSideFiles(tmp);
    throw err;
  }
}

/**
 * A new base: the online backup into a temp file, 100 pages per step (better-sqlite3 yields
 * to the event loop between steps, ~5 ms each measured); the header rewrite, quick_check and
 * SHA-256 in a worker; fsync on the libuv pool; rename over the snapshot. Then every segment
 * on the volume belongs to an older base and is removed. Writes made through `db` while the
 * backup runs are applied to the copy by SQLite, so the base is one consistent point in time.
 */
export async function writeBase(db: Database.Database, snapshotPath: string, aborted: () => boolean, log: LogFn): Promise<{ bytes: number; hash: string }> {
  const result = await inTemp(snapshotPath, async (tmp) => {
    await backupFlushingAsItGoes(db, tmp);
    const { hash } = await checkSnapshotOffThread(tmp);
    await fsyncFileAsync(tmp);
    const { size } = fs.statSync(tmp);
    await renameOver(tmp, snapshotPath, aborted);
    return { bytes: size, hash };
  });
  await fsyncDirAsync(path.dirname(snapshotPath));
  removeAllSegments(snapshotPath, log);
  return result;
}

/**
 * The stepped backup, with the copy's dirty pages flushed on the libuv pool while it runs:
 * the backup's last step commits the copy with an fsync on the event loop, which otherwise
 * has the whole file to write back at once (the longest block of a base, measured).
 */
async function backupFlushingAsItGoes(db: Database.Database, tmp: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  let flushing: Promise<void> | undefined;
  let steps = 0;
  const flushSoFar = () => {
    if (flushing) return;
    flushing = (async () => {
      handle ??= await fs.promises.open(tmp, 'r');
      await handle.datasync();
    })()
      .catch(() => {}) // best effort: the final fsync still makes the copy durable
      .finally(() => {
        flushing = undefined;
      });
  };
  try {
    await db.backup(tmp, {
      progress: () => {
        steps += 1;
        if (steps % FLUSH_EVERY_STEPS === 0) flushSoFar();
        return BACKUP_PAGES_PER_STEP;
      },
    });
  } finally {
    await flushing;
    await handle?.close();
  }
}

/**
 * A new base from the volume alone: the current base with segments 1..`segments` applied,
 * which is the live database as of the last segment. It never reads the live database, and
 * its whole-file work runs off the event loop: the copy on the libuv pool, the check and the
 * hash in the worker; only each segment's few pages are applied on the loop, yielding between
 * segments. The next segment then carries everything since the last one, as after any base.
 */
export async function compactOnVolume(
  snapshotPath: string,
  chain: { generation: string; baseHash: string; pageSize: number; segments: number },
  aborted: () => boolean,
  log: LogFn,
): Promise<{ bytes: number; hash: string }> {
  const result = await inTemp(snapshotPath, async (tmp) => {
    await fs.promises.copyFile(snapshotPath, tmp);
    const fd = fs.openSync(tmp, 'r+');
    try {
      for (let seq = 1; seq <= chain.segments; seq++) {
        applySegment(fd, segmentPath(snapshotPath, chain.generation, seq), { ...chain, seq });
        await yieldToLoop();
      }
    } finally {
      fs.closeSync(fd);
    }
    const { hash } = await checkSnapshotOffThread(tmp);
    await fsyncFileAsync(tmp);
    const { size } = fs.statSync(tmp);
    await renameOver(tmp, snapshotPath, aborted);
    return { bytes: size, hash };
  });
  await fsyncDirAsync(path.dirname(snapshotPath));
  removeAllSegments(snapshotPath, log);
  return result;
}

/** The forced-exit base: VACUUM INTO, synchronously, so it is whole before process.exit(). */
export function writeBaseSync(db: Database.Database, snapshotPath: string, log: LogFn): void {
  fs.mkdirSync(path.dirname(snapshotPath), { recursive: true });
  const tmp = tempPathFor(snapshotPath);
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    setRollbackJournal(tmp);
    checkDatabaseFile(tmp, 'quick');
    fsyncFile(tmp);
    fs.renameSync(tmp, snapshotPath);
    fsyncDir(path.dirname(snapshotPath));
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    removeSideFiles(tmp);
    throw err;
  }
  // VACUUM rewrites the page layout: no segment of any generation applies to this base.
  removeAllSegments(snapshotPath, log);
}

/** A segment: written synchronously (a small database, proportional to the change), fsynced off the loop, renamed. */
export async function writeSegment(snapshotPath: string, meta: SegmentMeta, pages: Map<number, Buffer>, aborted: () => boolean): Promise<number> {
  const bytes = await inTemp(snapshotPath, async (tmp) => {
    const size = writeSegmentFile(tmp, meta, pages);
    await fsyncFileAsync(tmp);
    if (aborted()) throw new SnapshotAbortedError();
    fs.renameSync(tmp, segmentPath(snapshotPath, meta.generation, meta.seq));
    return size;
  });
  await fsyncDirAsync(path.dirname(snapshotPath));
  return bytes;
}

export function writeSegmentSync(snapshotPath: string, meta: SegmentMeta, pages: Map<number, Buffer>): number {
  const tmp = tempPathFor(snapshotPath);
  try {
    const size = writeSegmentFile(tmp, meta, pages);
    fsyncFile(tmp);
    fs.renameSync(tmp, segmentPath(snapshotPath, meta.generation, meta.seq));
    fsyncDir(path.dirname(snapshotPath));
    return size;
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** Removes every segment file beside the snapshot (after a new base: they all belong to older ones). */
export function removeAllSegments(snapshotPath: string, log: LogFn): void {
  const segments = listSegments(snapshotPath);
  for (const { file } of segments) fs.rmSync(file, { force: true });
  if (segments.length > 0) log('debug', 'removed the segments of older snapshot generations', { snapshotPath, removed: segments.length });
}
