// Reads the frames SQLite committed to a WAL file since a cursor, following the documented
// format (https://www.sqlite.org/fileformat2.html#walformat):
//   header, 32 bytes: magic, format version, page size, checkpoint sequence, salt-1, salt-2,
//     checksum-1, checksum-2 (of the first 24 bytes);
//   frames: a 24-byte header (page number, db size in pages for a commit frame else 0,
//     salt-1, salt-2, checksum-1, checksum-2) and the page.
// A frame is valid only if its salts equal the header's and its cumulative checksum (over
// every frame before it, from the header's) matches; the valid prefix ends at the last commit
// frame. Anything after is a transaction still being written, a torn write, or frames of an
// older WAL cycle: SQLite's own recovery ignores them, and so do we.
import fs from 'node:fs';
import os from 'node:os';

const HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;
const FORMAT_VERSION = 3007000;

/** Where the last read stopped: just after a commit frame of the WAL cycle named by the salts. */
export type WalCursor = {
  salt1: number;
  salt2: number;
  pageSize: number;
  bigEndian: boolean;
  /** Byte offset just after the last commit frame read (32 = no frame yet). */
  offset: number;
  /** The running checksum at `offset`, the seed of the next frame's. */
  checksum: [number, number];
};

export type WalChanges = {
  /** The newest committed image of each page written since the cursor (latest wins). */
  pages: Map<number, Buffer>;
  /** The database size in pages after the last commit read; 0 when no commit was read. */
  dbPages: number;
  commits: number;
  frames: number;
  pageSize: number;
};

export type WalRead =
  | { kind: 'changes'; changes: WalChanges; cursor: WalCursor | null }
  /** The WAL no longer continues the cursor's cycle (reset, truncated or replaced): frames may have been lost unseen. */
  | { kind: 'restarted'; reason: string };

type Header = { pageSize: number; bigEndian: boolean; salt1: number; salt2: number; checksum: [number, number] };

const NATIVE_LE = os.endianness() === 'LE';

/** SQLite's WAL checksum: pairs of 32-bit words, in the byte order the magic names, mod 2^32. */
export function walChecksum(buf: Buffer, start: number, end: number, seed: [number, number], bigEndian: boolean): [number, number] {
  let [s0, s1] = seed;
  if (!bigEndian && NATIVE_LE && (buf.byteOffset + start) % 4 === 0) {
    // The common case (x86/ARM, native order): typed-array words, ~10x faster than readUInt32LE.
    const words = new Uint32Array(buf.buffer, buf.byteOffset + start, (end - start) >>> 2);
    for (let i = 0; i < words.length; i += 2) {
      s0 = (s0 + words[i]! + s1) >>> 0;
      s1 = (s1 + words[i + 1]! + s0) >>> 0;
    }
    return [s0, s1];
  }
  for (let i = start; i < end; i += 8) {
    const x0 = bigEndian ? buf.readUInt32BE(i) : buf.readUInt32LE(i);
    const x1 = bigEndian ? buf.readUInt32BE(i + 4) : buf.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

export function parseWalHeader(buf: Buffer): Header | null {
  if (buf.length < HEADER_BYTES) return null;
  const magic = buf.readUInt32BE(0);
  if ((magic !== MAGIC_LE && magic !== MAGIC_BE) || buf.readUInt32BE(4) !== FORMAT_VERSION) return null;
  const bigEndian = magic === MAGIC_BE;
  const rawSize = buf.readUInt32BE(8);
  const pageSize = rawSize === 1 ? 65536 : rawSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return null;
  const checksum = walChecksum(buf, 0, 24, [0, 0], bigEndian);
  if (checksum[0] !== buf.readUInt32BE(24) || checksum[1] !== buf.readUInt32BE(28)) return null;
  return { pageSize, bigEndian, salt1: buf.readUInt32BE(16), salt2: buf.readUInt32BE(20), checksum };
}

const empty = (pageSize: number): WalChanges => ({ pages: new Map(), dbPages: 0, commits: 0, frames: 0, pageSize });

/**
 * Reads the committed frames after `cursor` (or from the start of the WAL when null).
 * Synchronous and proportional to what was appended since the cursor, never to the WAL or
 * the database. Returns the new cursor, or `restarted` when the WAL is not the cycle the
 * cursor belongs to any more.
 */
export function readWal(walPath: string, cursor: WalCursor | null): WalRead {
  let fd: number;
  try {
    fd = fs.openSync(walPath, 'r');
  } catch (err) {
    if (!(err instanceof Error && 'code' in err && err.code === 'ENOENT')) throw err;
    return cursor ? { kind: 'restarted', reason: 'the WAL file is gone' } : { kind: 'changes', changes: empty(0), cursor: null };
  }
  try {
    const size = fs.fstatSync(fd).size;
    const headerBytes = Buffer.alloc(HEADER_BYTES);
    const got = size >= HEADER_BYTES ? fs.readSync(fd, headerBytes, 0, HEADER_BYTES, 0) : 0;
    const header = got === HEADER_BYTES ? parseWalHeader(headerBytes) : null;
    if (!header) {
      // An empty or never-written WAL: nothing committed in it.
      return cursor ? { kind: 'restarted', reason: 'the WAL has no valid header' } : { kind: 'changes', changes: empty(0), cursor: null };
    }
    if (cursor && (cursor.salt1 !== header.salt1 || cursor.salt2 !== header.salt2 || cursor.pageSize !== header.pageSize)) {
      return { kind: 'restarted', reason: 'the WAL was restarted (new salts)' };
    }
    if (cursor && size < cursor.offset) return { kind: 'restarted', reason: 'the WAL is shorter than what was read' };
    const start = cursor?.offset ?? HEADER_BYTES;
    const seed = cursor?.checksum ?? header.checksum;
    const buf = Buffer.alloc(size - start);
    if (buf.length > 0) fs.readSync(fd, buf, 0, buf.length, start);
    const { changes, consumed, checksum } = parseFrames(buf, header, seed);
    const next: WalCursor = { ...header, offset: start + consumed, checksum };
    return { kind: 'changes', changes, cursor: next };
  } finally {
    fs.closeSync(fd);
  }
}

/** Walks whole frames while they are valid; keeps the pages of committed transactions only. */
function parseFrames(buf: Buffer, header: Header, seed: [number, number]): { changes: WalChanges; consumed: number; checksum: [number, number] } {
  const frameBytes = FRAME_HEADER_BYTES + header.pageSize;
  const changes = empty(header.pageSize);
  let pending = new Map<number, Buffer>();
  let framesInTransaction = 0;
  let running = seed;
  let committed = { consumed: 0, checksum: seed };
  for (let at = 0; at + frameBytes <= buf.length; at += frameBytes) {
    const pgno = buf.readUInt32BE(at);
    const commitSize = buf.readUInt32BE(at + 4);
    if (pgno === 0 || buf.readUInt32BE(at + 8) !== header.salt1 || buf.readUInt32BE(at + 12) !== header.salt2) break;
    const afterHeader = walChecksum(buf, at, at + 8, running, header.bigEndian);
    const checksum = walChecksum(buf, at + FRAME_HEADER_BYTES, at + frameBytes, afterHeader, header.bigEndian);
    if (checksum[0] !== buf.readUInt32BE(at + 16) || checksum[1] !== buf.readUInt32BE(at + 20)) break;
    running = checksum;
    framesInTransaction += 1;
    pending.set(pgno, buf.subarray(at + FRAME_HEADER_BYTES, at + frameBytes));
    if (commitSize !== 0) {
      for (const [page, data] of pending) {
        changes.pages.delete(page); // re-insert so iteration order follows the last write
        changes.pages.set(page, data);
      }
      pending = new Map();
      changes.frames += framesInTransaction;
      framesInTransaction = 0;
      changes.commits += 1;
      changes.dbPages = commitSize;
      committed = { consumed: at + frameBytes, checksum };
    }
  }
  // Pages past db size (a commit that shrank the file) are dropped: the restore truncates anyway.
  for (const page of changes.pages.keys()) if (page > changes.dbPages) changes.pages.delete(page);
  return { changes, consumed: committed.consumed, checksum: committed.checksum };
}
