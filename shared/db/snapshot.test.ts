import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { copySnapshot } from './snapshot-chain.ts';
import { createSnapshotter, restoreSnapshot, type LogFn } from './snapshot.ts';

type Logged = { level: string; msg: string; fields?: Record<string, unknown> };

let dir: string;
let logged: Logged[];
const log: LogFn = (level, msg, fields) => {
  logged.push({ level, msg, fields });
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-snapshot-'));
  logged = [];
});
afterEach(() => {
  vi.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

function openLive(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)');
  return db;
}

/** Inserts batches of rows until stopped; `acked` is the highest id whose transaction committed. */
function startWriter(db: Database.Database, onCommit: () => void) {
  const insert = db.prepare('INSERT INTO orders (payload) VALUES (randomblob(300))');
  const batch = db.transaction((n: number) => {
    let last = 0;
    for (let i = 0; i < n; i++) last = Number(insert.run().lastInsertRowid);
    return last;
  });
  const state = { acked: 0, stop: false, done: Promise.resolve() };
  state.done = (async () => {
    while (!state.stop) {
      state.acked = batch(25);
      onCommit();
      await tick();
    }
  })();
  return state;
}

/** Awaits the snapshot in progress, step by step (the backup advances on setImmediate), without flush(). */
async function untilIdle(snapshotter: { state(): { running: boolean } }) {
  while (snapshotter.state().running) await tick();
}

/** Rebuilds a private copy of the snapshot, base and segments (as the backup cron does), and returns its row ids. */
function readSnapshot(snapshotPath: string): { count: number; maxId: number } {
  const copy = path.join(dir, `check-${Math.random().toString(36).slice(2)}.db`);
  const { chain } = copySnapshot(snapshotPath, copy, { log });
  expect(chain.broken).toBeNull();
  const db = new Database(copy, { readonly: true });
  const row = db.prepare('SELECT count(*) AS count, coalesce(max(id), 0) AS maxId FROM orders').get() as {
    count: number;
    maxId: number;
  };
  db.close();
  fs.rmSync(copy);
  return row;
}

describe('createSnapshotter under write load', () => {
  it('every snapshot taken at any moment opens, passes integrity_check and holds every acknowledged row', async () => {
    const db = openLive(path.join(dir, 'live.db'));
    const snapshotPath = path.join(dir, 'volume', 'tea_orders.db');
    const snapshotter = createSnapshotter({ db, snapshotPath, debounceMs: 3, log });
    const writer = startWriter(db, () => snapshotter.markDirty());

    // A fixed number of flushes, each racing the writer: no wall-clock budget, so a slow machine
    // checks as many snapshots as a fast one.
    for (let checked = 0; checked < 8; checked++) {
      await tick();
      const ackedBefore = writer.acked;
      await snapshotter.flush();
      const snap = readSnapshot(snapshotPath);
      expect(snap.maxId).toBeGreaterThanOrEqual(ackedBefore);
      expect(snap.count).toBe(snap.maxId); // no gaps: a consistent prefix of the writes
    }
    writer.stop = true;
    await writer.done;

    await snapshotter.close();
    expect(readSnapshot(snapshotPath).maxId).toBe(writer.acked);
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
    // No temp files left: the base and the segments of its generation only.
    const names = fs.readdirSync(path.dirname(snapshotPath));
    expect(names.filter((name) => !/^tea_orders\.db(\.seg-[0-9a-f]{16}-\d{8})?$/.test(name))).toEqual([]);
    expect(new Set(names.filter((name) => name !== 'tea_orders.db').map((name) => name.split('-')[1]))).toEqual(
      new Set(snapshotter.state().chainSegments > 0 ? [snapshotter.state().generation] : []),
    );
    expect(snapshotter.state()).toMatchObject({ mode: 'wal' });
    expect(snapshotter.state().segments).toBeGreaterThan(0);
    db.close();
  });

  it('a restart from the last completed snapshot keeps every row acknowledged before it', async () => {
    const livePath = path.join(dir, 'live.db');
    const snapshotPath = path.join(dir, 'volume', 'tea_orders.db');
    const db = openLive(livePath);
    const snapshotter = createSnapshotter({ db, snapshotPath, debounceMs: 10_000, log });
    const writer = startWriter(db, () => snapshotter.markDirty());

    for (let i = 0; i < 20; i++) await tick();
    const ackedBeforeLastSnapshot = writer.acked;
    await snapshotter.flush();
    for (let i = 0; i < 20; i++) await tick(); // more acknowledged writes, never snapshotted
    writer.stop = true;
    await writer.done;
    expect(writer.acked).toBeGreaterThan(ackedBeforeLastSnapshot);

    // Crash: the container and its local disk are gone; only the volume survives.
    db.close();
    fs.rmSync(livePath);
    fs.rmSync(`${livePath}-wal`, { force: true });
    fs.rmSync(`${livePath}-shm`, { force: true });

    const freshPath = path.join(dir, 'fresh-container', 'tea_orders.db');
    expect(restoreSnapshot({ snapshotPath, dbPath: freshPath, log })).toMatchObject({ restored: true });
    const restored = new Database(freshPath);
    const ids = restored.prepare('SELECT id FROM orders ORDER BY id').pluck().all() as number[];
    restored.close();
    expect(ids.length).toBeGreaterThanOrEqual(ackedBeforeLastSnapshot);
    expect(ids.slice(0, ackedBeforeLastSnapshot)).toEqual(Array.from({ length: ackedBeforeLastSnapshot }, (_, i) => i + 1));
    await snapshotter.close();
  });

  it('close() writes the final snapshot so a graceful restart loses nothing', async () => {
    const db = openLive(path.join(dir, 'live.db'));
    const snapshotPath = path.join(dir, 'volume', 'tea_orders.db');
    const snapshotter = createSnapshotter({ db, snapshotPath, debounceMs: 60_000, log });
    db.prepare("INSERT INTO orders (payload) VALUES (x'01')").run();
    snapshotter.markDirty();
    expect(fs.existsSync(snapshotPath)).toBe(false);
    await snapshotter.close();
    expect(readSnapshot(snapshotPath)).toEqual({ count: 1, maxId: 1 });
    snapshotter.markDirty(); // ignored after close
    expect(snapshotter.state()).toMatchObject({ closed: true, dirty: false });
    db.close();
  });
});

describe('createSnapshotter forced exit', () => {
  it('closeNowSync() writes the snapshot synchronously, even with a backup still running', async () => {
    const db = openLive(path.join(dir, 'live.db'));
    const snapshotPath = path.join(dir, 'volume', 'tea_orders.db');
    const snapshotter = createSnapshotter({ db, snapshotPath, debounceMs: 60_000, log });
    const insert = db.prepare("INSERT INTO orders (payload) VALUES (x'05')");
    for (let i = 0; i < 30; i++) insert.run();
    snapshotter.markDirty();
    const inProgress = snapshotter.flush(); // an online backup under way, as on a hung shutdown
    insert.run();
    snapshotter.closeNowSync();
    // Nothing awaited: what process.exit() would leave behind is already on the volume.
    expect(readSnapshot(snapshotPath)).toEqual({ count: 31, maxId: 31 });
    expect(snapshotter.state()).toMatchObject({ closed: true });
    await inProgress;
    db.close();
  });
});

describe('createSnapshotter scheduling and failures', () => {
  // The debounce timer runs on a fake clock; the backup itself (setImmediate steps, file I/O) is real.
  it('coalesces many writes into one snapshot after debounceMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const db = openLive(path.join(dir, 'live.db'));
    const snapshotPath = path.join(dir, 'tea_orders.db');
    const snapshotter = createSnapshotter({ db, snapshotPath, debounceMs: 20, log });
    for (let i = 0; i < 50; i++) {
      db.prepare("INSERT INTO orders (payload) VALUES (x'02')").run();
      snapshotter.markDirty();
    }
    expect(vi.getTimerCount()).toBe(1); // one timer for 50 writes
    vi.advanceTimersByTime(19);
    expect(snapshotter.state()).toMatchObject({ dirty: true, running: false });
    vi.advanceTimersByTime(1);
    expect(snapshotter.state()).toMatchObject({ dirty: false, running: true });
    await untilIdle(snapshotter);
    expect(snapshotter.state()).toMatchObject({ dirty: false, running: false, consecutiveFailures: 0 });
    expect(snapshotter.state().lastSnapshotAt).not.toBeNull();
    expect(vi.getTimerCount()).toBe(0);
    expect(readSnapshot(snapshotPath).count).toBe(50);
    await snapshotter.close();
    db.close();
  });

  it('a write made while a snapshot runs schedules the next one (throttled, not lost)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const db = openLive(path.join(dir, 'live.db'));
    const snapshotPath = path.join(dir, 'tea_orders.db');
    const snapshotter = createSnapshotter({ db, snapshotPath, debounceMs: 20, log });
    const insert = db.prepare("INSERT INTO orders (payload) VALUES (x'04')");
    insert.run();
    snapshotter.markDirty();
    vi.advanceTimersByTime(20);
    expect(snapshotter.state().running).toBe(true);
    insert.run(); // lands while the backup is under way
    snapshotter.markDirty();
    expect(vi.getTimerCount()).toBe(0); // never a second snapshot at once
    await untilIdle(snapshotter);
    expect(snapshotter.state()).toMatchObject({ dirty: true, running: false });
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(20);
    await untilIdle(snapshotter);
    expect(snapshotter.state()).toMatchObject({ dirty: false, running: false });
    expect(readSnapshot(snapshotPath)).toEqual({ count: 2, maxId: 2 });
    await snapshotter.close();
    db.close();
  });

  it('logs a failed snapshot once with its cause and keeps the service running', async () => {
    const db = openLive(path.join(dir, 'live.db'));
    fs.writeFileSync(path.join(dir, 'not-a-dir'), 'x');
    const snapshotPath = path.join(dir, 'not-a-dir', 'tea_orders.db');
    const snapshotter = createSnapshotter({ db, snapshotPath, debounceMs: 5, log });
    db.prepare("INSERT INTO orders (payload) VALUES (x'03')").run();
    snapshotter.markDirty();
    await expect(snapshotter.flush()).resolves.toBeUndefined();
    const errors = logged.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'database snapshot failed', fields: { snapshotPath, consecutiveFailures: 1 } });
    expect(String(errors[0]?.fields?.cause)).toMatch(/ENOTDIR|EEXIST|not a directory/i);
    expect(snapshotter.state()).toMatchObject({ dirty: true, consecutiveFailures: 1 });
    await snapshotter.close(); // tries once more, logs once more, still resolves
    expect(logged.filter((l) => l.level === 'error')).toHaveLength(2);
    db.close();
  });
});

describe('restoreSnapshot', () => {
  function writeValidDb(file: string, rows: number) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.exec('CREATE TABLE orders (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO orders (payload) VALUES (randomblob(3000))');
    for (let i = 0; i < rows; i++) insert.run();
    db.close();
  }

  it('starts fresh when there is no snapshot', () => {
    const result = restoreSnapshot({ snapshotPath: path.join(dir, 'none.db'), dbPath: path.join(dir, 'live.db'), log });
    expect(result).toEqual({ restored: false, reason: 'no-snapshot' });
    expect(fs.existsSync(path.join(dir, 'live.db'))).toBe(false);
  });

  it('keeps an existing live database (it is never older than its own snapshot)', () => {
    writeValidDb(path.join(dir, 'snap.db'), 3);
    writeValidDb(path.join(dir, 'live.db'), 1);
    const result = restoreSnapshot({ snapshotPath: path.join(dir, 'snap.db'), dbPath: path.join(dir, 'live.db'), log });
    expect(result).toEqual({ restored: false, reason: 'live-db-exists' });
  });

  it('ignores a stale -wal left beside the target path', () => {
    writeValidDb(path.join(dir, 'snap.db'), 3);
    fs.writeFileSync(path.join(dir, 'live.db-wal'), 'stale junk');
    restoreSnapshot({ snapshotPath: path.join(dir, 'snap.db'), dbPath: path.join(dir, 'live.db'), log });
    expect(fs.existsSync(path.join(dir, 'live.db-wal'))).toBe(false);
    const db = new Database(path.join(dir, 'live.db'));
    expect(db.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(3);
    db.close();
  });

  it('fails loudly on a file that is not a database, and creates nothing', () => {
    fs.writeFileSync(path.join(dir, 'snap.db'), 'this is not sqlite '.repeat(300));
    expect(() => restoreSnapshot({ snapshotPath: path.join(dir, 'snap.db'), dbPath: path.join(dir, 'live.db'), log })).toThrow(
      /Refusing to start: the database snapshot .*snap\.db could not be restored/,
    );
    expect(fs.readdirSync(dir)).toEqual(['snap.db']);
    expect(logged.some((l) => l.level === 'error')).toBe(true);
  });

  it('fails loudly on a truncated database', () => {
    writeValidDb(path.join(dir, 'whole.db'), 200);
    const bytes = fs.readFileSync(path.join(dir, 'whole.db'));
    fs.writeFileSync(path.join(dir, 'snap.db'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(() => restoreSnapshot({ snapshotPath: path.join(dir, 'snap.db'), dbPath: path.join(dir, 'live.db'), log })).toThrow(/could not be restored/);
    expect(fs.existsSync(path.join(dir, 'live.db'))).toBe(false);
  });
});
