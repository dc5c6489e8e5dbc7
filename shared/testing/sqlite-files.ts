import Database from 'better-sqlite3';
import fs from 'node:fs';
import { openDb } from '../db/open-db.ts';

// SQLite files for the backup, restore and snapshot tests.

/** A WAL-mode database with one `orders` table holding these ids (not our schema: the copy logic doesn't care). */
export function writeOrdersDb(file: string, ids: number[]): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, pickup TEXT)');
  const insert = db.prepare('INSERT INTO orders (id, pickup) VALUES (?, ?)');
  for (const id of ids) insert.run(id, `A${id}`);
  db.close();
}

export function readOrderIds(file: string): number[] {
  const db = new Database(file, { readonly: true });
  const ids = db.prepare('SELECT id FROM orders ORDER BY id').pluck().all() as number[];
  db.close();
  return ids;
}

/**
 * One of our databases (migrated) that still opens but fails quick_check: 200 KB of filler,
 * then a b-tree page in the middle scribbled over.
 */
export function writeDamagedDb(file: string, migrationsFolder: string): void {
  const opened = openDb(file, migrationsFolder);
  opened.sqlite.pragma('journal_mode = DELETE');
  opened.sqlite.exec(
    'CREATE TABLE filler (x BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) INSERT INTO filler SELECT randomblob(4000) FROM n',
  );
  opened.close();
  const bytes = fs.readFileSync(file);
  bytes.fill(0xab, 4096 * 5, 4096 * 5 + 2000);
  fs.writeFileSync(file, bytes);
}

/**
 * A WAL-mode database with a table `t (id, v)` of `rows` text rows padded to `rowBytes`,
 * inserted in one transaction (the snapshot kill test and the off-thread check).
 * `indexed` adds an index on `v`, so damage in the middle of the file hits index pages too.
 */
export function seedRowsDb(file: string, opts: { rows: number; rowBytes: number; indexed?: boolean }): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);${opts.indexed ? ' CREATE INDEX t_v ON t (v);' : ''}`);
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < opts.rows; i += 1) insert.run(`row ${i}`.padEnd(opts.rowBytes, '.'));
  })();
  db.close();
}
