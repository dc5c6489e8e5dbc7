import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotter, type LogFn } from './snapshot.ts';

type Logged = { level: string; msg: string; fields?: Record<string, unknown> };

let dir: string;
let logged: Logged[];
const log: LogFn = (level, msg, fields) => {
  logged.push({ level, msg, ...(fields ? { fields } : {}) });
};
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-snapshot-recovery-'));
  logged = [];
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function openLive() {
  const db = new Database(path.join(dir, 'live.db'));
  db.exec('CREATE TABLE orders (id INTEGER PRIMARY KEY)');
  db.prepare('INSERT INTO orders DEFAULT VALUES').run();
  return db;
}

describe('snapshot failures an operator sees', () => {
  it('logs the recovery after failed snapshots, with how many failed', async () => {
    const db = openLive();
    const volume = path.join(dir, 'volume');
    fs.writeFileSync(volume, 'a file where the volume directory should be');
    const snapshotPath = path.join(volume, 'tea_orders.db');
    const snapshotter = createSnapshotter({ db, snapshotPath, debounceMs: 60_000, log });
    snapshotter.markDirty();
    await snapshotter.flush();
    await snapshotter.flush(); // still dirty: fails again
    expect(snapshotter.state().consecutiveFailures).toBe(2);
    fs.rmSync(volume);
    await snapshotter.flush();
    expect(logged.map((entry) => [entry.level, entry.msg])).toEqual([
      ['error', 'database snapshot failed'],
      ['error', 'database snapshot failed'],
      ['info', 'database snapshot recovered'],
    ]);
    expect(logged[2]!.fields).toEqual({ snapshotPath, consecutiveFailures: 2 });
    expect(snapshotter.state()).toMatchObject({ dirty: false, consecutiveFailures: 0 });
    expect(fs.existsSync(snapshotPath)).toBe(true);
    await snapshotter.close();
    db.close();
  });

  it('a forced final snapshot that fails throws its cause and leaves no temp file behind', () => {
    const db = openLive();
    const snapshotPath = path.join(dir, 'volume', 'tea_orders.db');
    fs.mkdirSync(snapshotPath, { recursive: true }); // a directory in the way: the rename fails
    fs.writeFileSync(path.join(snapshotPath, 'x'), 'x');
    const snapshotter = createSnapshotter({ db, snapshotPath, log });
    expect(() => snapshotter.closeNowSync()).toThrow(/EISDIR|ENOTEMPTY|EEXIST|directory/i);
    expect(fs.readdirSync(path.dirname(snapshotPath))).toEqual(['tea_orders.db']);
    db.close();
  });

  it('a forced final snapshot that cannot start (open transaction) throws SQLite’s error, not a cleanup one', () => {
    const db = openLive();
    const snapshotPath = path.join(dir, 'volume', 'tea_orders.db');
    const snapshotter = createSnapshotter({ db, snapshotPath, log });
    db.exec('BEGIN');
    expect(() => snapshotter.closeNowSync()).toThrow('cannot VACUUM from within a transaction');
    db.exec('ROLLBACK');
    expect(fs.readdirSync(path.dirname(snapshotPath))).toEqual([]);
    db.close();
  });
});

describe('closeNowSync and state', () => {
  it('writes once, records it, and stops: later writes and a second call change nothing', async () => {
    const db = openLive();
    const snapshotPath = path.join(dir, 'volume', 'tea_orders.db');
    const snapshotter = createSnapshotter({ db, snapshotPath, debounceMs: 60_000, log });
    snapshotter.markDirty();
    expect(snapshotter.state()).toMatchObject({ dirty: true, lastSnapshotAt: null, lastDurationMs: null });
    snapshotter.closeNowSync();
    const after = snapshotter.state();
    expect(after).toMatchObject({ dirty: false, closed: true, running: false });
    expect(new Date(after.lastSnapshotAt!).toISOString()).toBe(after.lastSnapshotAt);
    expect(fs.existsSync(snapshotPath)).toBe(true);
    fs.rmSync(snapshotPath);
    snapshotter.markDirty();
    snapshotter.closeNowSync();
    await snapshotter.close();
    expect(snapshotter.state().dirty).toBe(false);
    expect(fs.existsSync(snapshotPath)).toBe(false);
    db.close();
  });

  it('without writes, after close() or with the database already closed, writes nothing', async () => {
    const db = openLive();
    const snapshotPath = path.join(dir, 'volume', 'tea_orders.db');
    await createSnapshotter({ db, snapshotPath, log }).flush();
    const closedFirst = createSnapshotter({ db, snapshotPath, log });
    await closedFirst.close();
    closedFirst.closeNowSync();
    const dbGone = createSnapshotter({ db, snapshotPath, log });
    db.close();
    expect(() => dbGone.closeNowSync()).not.toThrow();
    expect(dbGone.state().closed).toBe(true);
    expect(fs.existsSync(snapshotPath)).toBe(false);
  });

  it('a snapshot records when it was taken and how long it took', async () => {
    const db = openLive();
    const snapshotter = createSnapshotter({ db, snapshotPath: path.join(dir, 'tea_orders.db'), log });
    snapshotter.markDirty();
    await snapshotter.flush();
    const state = snapshotter.state();
    expect(state.lastDurationMs).toBeGreaterThanOrEqual(0);
    expect(typeof state.lastDurationMs).toBe('number');
    expect(Date.parse(state.lastSnapshotAt!)).toBeGreaterThan(0);
    await snapshotter.close();
    db.close();
  });
});
