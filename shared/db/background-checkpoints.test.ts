import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startBackgroundCheckpoints } from './background-checkpoints.ts';

function walDb() {
  const file = join(mkdtempSync(join(tmpdir(), 'tea-ckpt-')), 'live.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)');
  return { db, file };
}

/** 60 commits of ~40 KB, a pause after each: the WAL size at the end. */
async function writeBursts(db: Database.Database, file: string): Promise<number> {
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  for (let i = 0; i < 60; i += 1) {
    db.transaction(() => {
      for (let k = 0; k < 10; k += 1) insert.run(Buffer.alloc(4000, i));
    })();
    await sleep(10);
  }
  return statSync(`${file}-wal`).size;
}

describe('background checkpoints', () => {
  it('keep the WAL small with the automatic checkpoint off, from a worker; the automatic one comes back at stop', async () => {
    const { db, file } = walDb();
    const checkpoints = startBackgroundCheckpoints(db, file, 20);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const walWith = await writeBursts(db, file);
    await checkpoints.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(600);

    // The same writes with no checkpoint at all: the WAL only grows.
    const other = walDb();
    other.db.pragma('wal_autocheckpoint = 0');
    const walWithout = await writeBursts(other.db, other.file);
    expect(walWithout).toBeGreaterThan(2_000_000);
    expect(walWith).toBeLessThan(walWithout / 3);
    db.close();
    other.db.close();
  });
});
