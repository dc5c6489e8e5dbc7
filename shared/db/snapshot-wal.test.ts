import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWal, walChecksum, type WalChanges, type WalCursor } from './snapshot-wal.ts';

// The WAL reader against WAL files SQLite itself wrote, copied and then torn or scribbled on.
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-wal-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const PAGE = 4096;
const FRAME = 24 + PAGE;

/** A WAL-mode database whose checkpoints nobody runs, so every commit stays in its -wal. */
function openLive() {
  const file = path.join(dir, 'live.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  db.pragma('wal_checkpoint(TRUNCATE)'); // the table is in the main file; the WAL starts empty
  return { db, file, wal: `${file}-wal` };
}

function insert(db: Database.Database, rows: number, fill = 'x') {
  const stmt = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) stmt.run(fill.repeat(300));
  })();
}

function changesOf(walFile: string, cursor: WalCursor | null = null): { changes: WalChanges; cursor: WalCursor | null } {
  const read = readWal(walFile, cursor);
  if (read.kind !== 'changes') throw new Error(`unexpected ${read.kind}: ${read.reason}`);
  return read;
}

/** The main file with `changes` written over it page by page and cut to the commit's size: what a restore does. */
function applied(mainFile: string, changes: WalChanges): Buffer {
  const bytes = Buffer.alloc(changes.dbPages * PAGE);
  fs.readFileSync(mainFile).copy(bytes);
  for (const [pgno, data] of changes.pages) data.copy(bytes, (pgno - 1) * PAGE);
  return bytes;
}

function rowsIn(image: Buffer): number {
  const file = path.join(dir, `image-${Math.random().toString(36).slice(2)}.db`);
  fs.writeFileSync(file, image);
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    return db.prepare('SELECT count(*) FROM t').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('readWal', () => {
  it('returns the newest image of each committed page and the last commit’s size, from a cursor on', () => {
    const { db, file, wal } = openLive();
    const mainBefore = path.join(dir, 'main-before.db');
    fs.copyFileSync(file, mainBefore);
    insert(db, 40);
    insert(db, 40);
    const first = changesOf(wal);
    expect(first.changes.commits).toBe(2);
    expect(first.changes.frames).toBeGreaterThan(first.changes.pages.size); // pages written twice, kept once
    expect(first.changes.dbPages).toBe(db.pragma('page_count', { simple: true }));
    expect(rowsIn(applied(mainBefore, first.changes))).toBe(80);

    // From the cursor: only what was committed after it, and nothing at all when nothing was.
    expect(changesOf(wal, first.cursor).changes.commits).toBe(0);
    insert(db, 5);
    const second = changesOf(wal, first.cursor);
    expect(second.changes.commits).toBe(1);
    const mainAfterFirst = path.join(dir, 'main-after-first.db');
    fs.writeFileSync(mainAfterFirst, applied(mainBefore, first.changes));
    expect(rowsIn(applied(mainAfterFirst, second.changes))).toBe(85);
    db.close();
  });

  it('stops at a torn last frame, and leaves a transaction without its commit frame out', () => {
    const { db, wal } = openLive();
    insert(db, 30);
    const committedBytes = fs.statSync(wal).size;
    insert(db, 30);
    const whole = fs.readFileSync(wal);
    db.close();
    const torn = path.join(dir, 'torn.db-wal');
    for (const cut of [whole.length - 100, whole.length - FRAME, committedBytes + FRAME + 10]) {
      fs.writeFileSync(torn, whole.subarray(0, cut));
      const { changes, cursor } = changesOf(torn);
      expect(changes.commits, `cut at ${cut}`).toBe(1);
      expect(cursor?.offset).toBe(committedBytes);
    }
  });

  it('rejects a frame whose page or header was scribbled on, and everything after it', () => {
    const { db, wal } = openLive();
    insert(db, 30);
    const firstCommitEnd = fs.statSync(wal).size;
    insert(db, 30);
    insert(db, 30);
    const whole = fs.readFileSync(wal);
    db.close();
    const bad = path.join(dir, 'bad.db-wal');
    const secondTxFrame = firstCommitEnd; // the first frame of the second transaction
    for (const [what, offset] of [
      ['page byte', secondTxFrame + 24 + 1000],
      ['page number', secondTxFrame + 3],
      ['salt', secondTxFrame + 9],
      ['checksum', secondTxFrame + 17],
    ] as const) {
      const copy = Buffer.from(whole);
      copy[offset] = copy[offset]! ^ 0xff;
      fs.writeFileSync(bad, copy);
      const { changes, cursor } = changesOf(bad);
      expect(changes.commits, what).toBe(1);
      expect(cursor?.offset, what).toBe(firstCommitEnd);
    }
  });

  it('ignores garbage after the last frame and a file that is no WAL at all', () => {
    const { db, wal } = openLive();
    insert(db, 10);
    const whole = fs.readFileSync(wal);
    db.close();
    const extra = path.join(dir, 'extra.db-wal');
    fs.writeFileSync(extra, Buffer.concat([whole, Buffer.alloc(FRAME * 2, 0x5a)]));
    expect(changesOf(extra).changes.commits).toBe(1);
    const junk = path.join(dir, 'junk.db-wal');
    fs.writeFileSync(junk, Buffer.alloc(FRAME * 3, 0x42));
    expect(changesOf(junk)).toMatchObject({ changes: { commits: 0, dbPages: 0 }, cursor: null });
    const headerOnlyScribbled = Buffer.from(whole);
    headerOnlyScribbled[20] = headerOnlyScribbled[20]! ^ 1; // salt-2: the header checksum fails
    fs.writeFileSync(junk, headerOnlyScribbled);
    expect(changesOf(junk).changes.commits).toBe(0);
    expect(changesOf(path.join(dir, 'missing-wal'))).toMatchObject({ changes: { commits: 0 }, cursor: null });
  });

  it('says the WAL restarted when it no longer continues the cursor’s cycle', () => {
    const { db, wal } = openLive();
    insert(db, 10);
    const { cursor } = changesOf(wal);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readWal(wal, cursor)).toMatchObject({ kind: 'restarted' }); // truncated under the cursor
    insert(db, 10); // a new cycle: new salts
    expect(readWal(wal, cursor)).toMatchObject({ kind: 'restarted', reason: expect.stringMatching(/salts/) });
    expect(changesOf(wal).changes.commits).toBe(1);
    db.close();
    expect(readWal(wal, cursor)).toMatchObject({ kind: 'restarted', reason: 'the WAL file is gone' });
  });
});

describe('walChecksum', () => {
  it('gives the same sums on aligned words (typed array) and unaligned bytes (read one by one)', () => {
    const bytes = Buffer.alloc(4097);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) & 0xff;
    const aligned = Buffer.from(bytes.subarray(0, 4096));
    const unaligned = bytes.subarray(1); // byteOffset 1: the byte-by-byte path
    unaligned.set(aligned.subarray(0, 4096));
    expect(walChecksum(unaligned, 0, 4096, [3, 5], false)).toEqual(walChecksum(aligned, 0, 4096, [3, 5], false));
    expect(walChecksum(aligned, 0, 4096, [3, 5], true)).not.toEqual(walChecksum(aligned, 0, 4096, [3, 5], false));
  });
});
