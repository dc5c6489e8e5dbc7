// Rebuilding the database a snapshot stands for: the base file, then the segments of its
// generation in order (see snapshot.ts for the design). Used by the restore at start, by
// scripts/backup.ts and scripts/restore.ts; modal/backup_job.py does the same in Python.
import fs from 'node:fs';
import { messageOf } from '../errors.ts';
import { copyVerified, hashFileSync, type LogFn } from './snapshot-file.ts';
import { generationOf, listSegments, readSegmentFile, SegmentError, segmentPath } from './snapshot-segment.ts';

export type ChainReport = {
  /** The base's generation, or null when there were no segment files at all (the hash is skipped). */
  generation: string | null;
  /** Segments applied, 1..applied. */
  applied: number;
  /** Where the chain stopped early, if it did: the first missing or broken segment. */
  broken: { seq: number; file: string; cause: string; ignored: number } | null;
  /** Segment files of other generations: they belong to no base on disk and can never apply. */
  stale: string[];
};

/** The page size in a SQLite header, or null when `file` does not start like a database. */
function readPageSize(file: string): number | null {
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    if (fs.readSync(fd, header, 0, 100, 0) < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return null;
  } finally {
    fs.closeSync(fd);
  }
  const raw = header.readUInt16BE(16);
  return raw === 1 ? 65536 : raw;
}

/**
 * Checks one segment whole against the place it must take in the chain, then writes its pages
 * into the open file `fd` and cuts the file to its database size. Throws a SegmentError, having
 * written nothing, when the segment is unreadable or belongs elsewhere.
 */
export function applySegment(fd: number, file: string, expected: { generation: string; seq: number; baseHash: string; pageSize: number }): void {
  const segment = readSegmentFile(file);
  const mismatch =
    segment.baseHash !== expected.baseHash
      ? 'it was written for another base'
      : segment.seq !== expected.seq || segment.generation !== expected.generation
        ? `its meta says generation ${segment.generation} segment ${segment.seq}`
        : segment.pageSize !== expected.pageSize
          ? `its pages are ${segment.pageSize} bytes, the base's ${expected.pageSize}`
          : null;
  if (mismatch) throw new SegmentError(`${file} does not follow the chain: ${mismatch}`, file);
  for (const [pgno, data] of segment.pages) fs.writeSync(fd, data, 0, data.length, (pgno - 1) * expected.pageSize);
  fs.ftruncateSync(fd, segment.dbPages * expected.pageSize);
}

/**
 * Applies, in place on `copy` (a private copy of the base at `snapshotPath`), the contiguous
 * segments of the base's generation: each page written at its offset, then the file cut to
 * the segment's database size. A missing or broken segment stops the chain at the last good
 * one, logged as an error with what was ignored; a segment is checked whole before any of its
 * pages is written, so the copy is always base + segments 1..applied.
 */
export function applySegmentChain(copy: string, snapshotPath: string, log?: LogFn): ChainReport {
  const all = listSegments(snapshotPath);
  const pageSize = all.length > 0 ? readPageSize(copy) : null;
  if (pageSize === null) return { generation: null, applied: 0, broken: null, stale: [] };
  const baseHash = hashFileSync(copy);
  const generation = generationOf(baseHash);
  const mine = all.filter((segment) => segment.generation === generation);
  const stale = all.filter((segment) => segment.generation !== generation).map((segment) => segment.file);
  let applied = 0;
  let broken: ChainReport['broken'] = null;
  const fd = fs.openSync(copy, 'r+');
  try {
    for (const [index, found] of mine.entries()) {
      const seq = index + 1;
      if (found.seq !== seq) {
        broken = { seq, file: segmentPath(snapshotPath, generation, seq), cause: `segment ${seq} is missing`, ignored: mine.length - index };
        break;
      }
      try {
        applySegment(fd, found.file, { generation, seq, baseHash, pageSize });
        applied = seq;
      } catch (err) {
        broken = { seq, file: found.file, cause: messageOf(err), ignored: mine.length - index };
        break;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  if (broken) {
    log?.('error', 'snapshot segment chain broken: restored up to the last good segment', {
      snapshotPath,
      generation,
      appliedThrough: applied,
      missingOrBroken: broken.file,
      cause: broken.cause,
      ignoredSegments: broken.ignored,
    });
  }
  return { generation, applied, broken, stale };
}

/**
 * copyVerified for a snapshot: the base copied, its chain applied, the result checked, fsynced
 * and renamed over `target`. Without segment files this is exactly copyVerified.
 */
export function copySnapshot(
  source: string,
  target: string,
  options: { check?: 'integrity' | 'quick'; log?: LogFn } = {},
): { bytes: number; chain: ChainReport } {
  let chain: ChainReport = { generation: null, applied: 0, broken: null, stale: [] };
  const { bytes } = copyVerified(source, target, {
    ...(options.check ? { check: options.check } : {}),
    prepare: (copy) => {
      chain = applySegmentChain(copy, source, options.log);
    },
  });
  return { bytes, chain };
}
