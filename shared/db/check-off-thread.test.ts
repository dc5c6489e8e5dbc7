import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkSnapshotOffThread } from './check-off-thread.ts';
import { DatabaseFileError, hashFileSync } from './snapshot-file.ts';
import { seedRowsDb } from '../testing/sqlite-files.ts';

const makeDb = (file: string) => seedRowsDb(file, { rows: 2000, rowBytes: 100, indexed: true });

describe('checkSnapshotOffThread', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-check-'));

  it('passes a whole database and leaves it in rollback-journal mode', async () => {
    const file = path.join(dir, 'ok.db');
    makeDb(file);
    const { hash } = await checkSnapshotOffThread(file);
    expect(hash).toBe(hashFileSync(file)); // the base's generation, computed in the worker
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
  });

  it('rejects a file that is not a database, naming it', async () => {
    const file = path.join(dir, 'junk.db');
    fs.writeFileSync(file, 'not a database at all, just text '.repeat(200));
    const err = await checkSnapshotOffThread(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseFileError);
    expect((err as Error).message).toContain(file);
  });

  it('rejects a database whose pages were damaged', async () => {
    const file = path.join(dir, 'damaged.db');
    makeDb(file);
    const fd = fs.openSync(file, 'r+');
    // Overwrite the middle of the file (table and index pages), keeping the header.
    const size = fs.fstatSync(fd).size;
    fs.writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    fs.closeSync(fd);
    const err = await checkSnapshotOffThread(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseFileError);
    expect((err as Error).message).toMatch(/quick_check failed|not a readable SQLite database/);
  });

  it('rejects a missing file', async () => {
    await expect(checkSnapshotOffThread(path.join(dir, 'missing.db'))).rejects.toBeInstanceOf(DatabaseFileError);
  });
});
