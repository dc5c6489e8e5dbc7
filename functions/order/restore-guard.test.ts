import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../shared/db/database-identity.ts';
import { findMigrationsFolder, openDb } from '../../shared/db/open-db.ts';
import { createLogger } from '../../shared/http/logger.ts';
import { writeDamagedDb } from '../../shared/testing/sqlite-files.ts';
import { openFunction } from './main.ts';

// Issue 11 item 12: the order service starts from a snapshot only if it is one of ours.
let dir: string;
let lines: string[];
const log = createLogger({ level: 'info', write: (line: string) => lines.push(line) });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-guard-'));
  lines = [];
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const snapshotPath = () => path.join(dir, 'volume', 'tea_orders.db');
const env = () => ({ DB_PATH: path.join(dir, 'disk', 'live.db'), DB_SNAPSHOT_PATH: snapshotPath(), SNAPSHOT_DEBOUNCE_MS: '60000' });
const start = () => openFunction({ env: env(), log });
const writeSnapshot = (write: (file: string) => void) => {
  fs.mkdirSync(path.dirname(snapshotPath()), { recursive: true });
  write(snapshotPath());
  return fs.readFileSync(snapshotPath());
};

describe('restoring the order database from its snapshot', () => {
  it('marks our databases with an application id set by a migration', () => {
    const opened = openDb(':memory:', findMigrationsFolder());
    expect(opened.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    opened.close();
  });

  it.each([
    ['a zero-byte file', (file: string) => fs.writeFileSync(file, '')],
    [
      'another application’s SQLite file',
      (file: string) => {
        const db = new Database(file);
        db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello')");
        db.pragma('application_id = 42');
        db.close();
      },
    ],
    [
      'an unmarked SQLite file without our migrations',
      (file: string) => {
        const db = new Database(file);
        db.exec('CREATE TABLE orders (id TEXT PRIMARY KEY)');
        db.close();
      },
    ],
    ['a file that is not SQLite', (file: string) => fs.writeFileSync(file, 'not a database '.repeat(500))],
  ])('refuses %s, leaves it untouched and says how to restore a backup', async (_name, write) => {
    const before = writeSnapshot(write);
    await expect(start()).rejects.toThrow(/Refusing to start.*untouched.*modal volume put --force tea-orders-db.*scripts\/restore\.ts/s);
    expect(fs.readFileSync(snapshotPath()).equals(before)).toBe(true);
    expect(fs.existsSync(env().DB_PATH)).toBe(false);
    expect(lines.some((line) => line.includes('database snapshot restore failed') && line.includes('restore.ts'))).toBe(true);
  });

  it('refuses a snapshot of ours that fails quick_check', async () => {
    const before = writeSnapshot((file) => writeDamagedDb(file, findMigrationsFolder()));
    await expect(start()).rejects.toThrow(/Refusing to start/);
    expect(fs.readFileSync(snapshotPath()).equals(before)).toBe(true);
  });

  it('starts empty when there is no snapshot, and removes stale snapshot temp files', async () => {
    fs.mkdirSync(path.dirname(snapshotPath()), { recursive: true });
    const stale = [`.tea_orders.db.123.1700000000000.abc123.tmp`, `.tea_orders.db.123.1700000000000.abc123.tmp-wal`];
    for (const name of stale) fs.writeFileSync(path.join(dir, 'volume', name), 'partial');
    fs.writeFileSync(path.join(dir, 'volume', 'keep-me.txt'), 'not ours');
    const instance = await start();
    expect(fs.readdirSync(path.join(dir, 'volume')).sort()).toEqual(['keep-me.txt']);
    expect((await instance.app.request('/queue')).status).toBe(200);
    await instance.close();
    expect(fs.existsSync(snapshotPath())).toBe(true);
  });

  it('restores a snapshot of ours, and one taken before the application id existed', async () => {
    const first = await start();
    const placed = await first.app.request('/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lines: [{ itemId: 'pearl-milk-tea', size: 'M', sugar: 50, ice: 'light' }] }),
    });
    const { id } = (await placed.json()) as { id: string };
    await first.close();
    fs.rmSync(path.join(dir, 'disk'), { recursive: true });
    const second = await start();
    expect((await second.app.request(`/orders/${id}`)).status).toBe(200);
    await second.close();

    // An older deployment's snapshot: only the first migration, so no application id and no
    // alias table yet. (drizzle's `id` column is NULL in SQLite: the migrations go by created_at.)
    fs.rmSync(path.join(dir, 'disk'), { recursive: true });
    const db = new Database(snapshotPath());
    db.pragma('application_id = 0');
    db.exec('DROP TABLE session_aliases');
    // ...and none of the menu-versions (0003), report (0004) or history-index (0005) migrations.
    db.exec('DROP INDEX orders_status_updated_idx; DROP INDEX orders_created_idx');
    db.exec('DROP TABLE chat_turns; ALTER TABLE order_lines DROP COLUMN topping_prices; ALTER TABLE orders DROP COLUMN channel');
    db.exec(
      'DROP TABLE menu_versions; ALTER TABLE order_lines DROP COLUMN name_zh; ALTER TABLE order_lines DROP COLUMN name_en; ALTER TABLE sessions DROP COLUMN read_back',
    );
    db.prepare('DELETE FROM __drizzle_migrations WHERE created_at > (SELECT min(created_at) FROM __drizzle_migrations)').run();
    expect(db.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(1);
    db.close();
    const third = await start();
    const upgraded = await third.app.request(`/orders/${id}`);
    expect(upgraded.status).toBe(200);
    // An order from before menu versions reads, named by its item id; the menu is seeded.
    expect(((await upgraded.json()) as { lines: { name: { en: string } }[] }).lines[0]!.name.en).toBe('pearl-milk-tea');
    expect(((await (await third.app.request('/menu')).json()) as { version: number }).version).toBe(1);
    expect((await third.check()).status).toBe('ok');
    await third.close();
  });
});
