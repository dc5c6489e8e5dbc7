import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findMigrationsFolder } from './open-db.ts';
import { checkDatabaseFile, copyVerified, DatabaseFileError, fsyncDir, removeStaleTempFiles, tempPathFor } from './snapshot-file.ts';
import { createSnapshotter, restoreSnapshot, type LogFn } from './snapshot.ts';

// The restore's, the copies' and the snapshotter's messages and log lines, as an operator reads
// them at a failed start or in the logs of a running shop.
type Logged = { level: string; msg: string; fields?: Record<string, unknown> };
let dir: string;
let logged: Logged[];
const log: LogFn = (level, msg, fields) => {
  logged.push({ level, msg, ...(fields ? { fields } : {}) });
};
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-snapshot-files-'));
  logged = [];
});
afterEach(() => {
  vi.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeDb(file: string, rows = 3, journal: 'wal' | 'delete' = 'delete') {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma(`journal_mode = ${journal}`);
  db.exec('CREATE TABLE orders (id INTEGER PRIMARY KEY, payload BLOB)');
  const insert = db.prepare('INSERT INTO orders (payload) VALUES (randomblob(3000))');
  for (let i = 0; i < rows; i++) insert.run();
  db.close();
}

/** Scribbles over cell contents of a b-tree page: the file opens, integrity_check lists what it found. */
function corrupt(file: string) {
  const db = new Database(file);
  db.exec(
    'CREATE TABLE filler (x BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) INSERT INTO filler SELECT randomblob(30) FROM n',
  );
  db.close();
  const bytes = fs.readFileSync(file);
  bytes.fill(0xab, 4096 * 3 + 200, 4096 * 3 + 3200);
  fs.writeFileSync(file, bytes);
}

function thrown(fn: () => unknown): DatabaseFileError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DatabaseFileError);
    return err as DatabaseFileError;
  }
  throw new Error('did not throw');
}

describe('restoreSnapshot log lines', () => {
  const snapshotPath = () => path.join(dir, 'volume', 'tea_orders.db');
  const dbPath = () => path.join(dir, 'disk', 'live.db');

  it('says why it starts fresh, keeps the live database, or what it restored', () => {
    restoreSnapshot({ snapshotPath: snapshotPath(), dbPath: dbPath(), log });
    writeDb(snapshotPath());
    const result = restoreSnapshot({ snapshotPath: snapshotPath(), dbPath: dbPath(), log });
    expect(result).toEqual({ restored: true, bytes: fs.statSync(dbPath()).size, generation: null, segments: 0 });
    restoreSnapshot({ snapshotPath: snapshotPath(), dbPath: dbPath(), log });
    const where = { snapshotPath: snapshotPath(), dbPath: dbPath() };
    expect(logged).toEqual([
      { level: 'info', msg: 'no database snapshot found; starting with a fresh database', fields: where },
      { level: 'info', msg: 'database restored from snapshot', fields: { ...where, bytes: result.restored ? result.bytes : 0, generation: null, segments: 0 } },
      { level: 'info', msg: 'live database exists; snapshot not restored', fields: where },
    ]);
  });

  it('refuses an empty snapshot with the cause and how to restore, logged and thrown', () => {
    fs.mkdirSync(path.dirname(snapshotPath()), { recursive: true });
    fs.writeFileSync(snapshotPath(), '');
    const error = thrown(() => restoreSnapshot({ snapshotPath: snapshotPath(), dbPath: dbPath(), log }));
    expect(error.file).toBe(snapshotPath());
    expect(error.message).toBe(
      `Refusing to start: the database snapshot ${snapshotPath()} could not be restored (${snapshotPath()} is empty (0 bytes)). ` +
        'It was left untouched. Restore a backup over it — on Modal: modal volume put --force tea-orders-db ' +
        '<tea_orders-YYYYMMDDTHHMMSSZ.db> /tea_orders.db, then redeploy; locally: npx tsx scripts/restore.ts --latest ' +
        `--db ${snapshotPath()} --force — or move the file away to start with an empty database.`,
    );
    expect((error.cause as Error).message).toBe(`${snapshotPath()} is empty (0 bytes)`);
    expect(logged).toEqual([
      {
        level: 'error',
        msg: 'database snapshot restore failed',
        fields: { snapshotPath: snapshotPath(), dbPath: dbPath(), cause: `${snapshotPath()} is empty (0 bytes)`, howToRestore: error.message },
      },
    ]);
  });

  it("refuses a snapshot that is not ours, naming the snapshot (not the private copy), and removes the copy's files", () => {
    writeDb(snapshotPath(), 3, 'wal');
    const error = thrown(() => restoreSnapshot({ snapshotPath: snapshotPath(), dbPath: dbPath(), log, migrationsFolder: findMigrationsFolder() }));
    expect(error.message).toContain(`(copy of ${snapshotPath()} is not a tea-order-agent database: it has no migrations table`);
    expect(error.message).not.toContain(dbPath());
    expect(fs.readdirSync(path.dirname(dbPath()))).toEqual([]);
  });

  it('removes only its own stale temp files (and their side files), logging each', () => {
    const target = path.join(dir, 'tea_orders.db');
    const stale = path.basename(tempPathFor(target));
    const names = [stale, `${stale}-wal`, `${stale}-journal`, `${stale}.bak`, '.tea_ordersXdb.1.2.abc.tmp', '.other.db.1.2.abc.tmp', 'tea_orders.db'];
    for (const name of names) fs.writeFileSync(path.join(dir, name), 'x');
    removeStaleTempFiles(target, log);
    expect(fs.readdirSync(dir).sort()).toEqual([`${stale}.bak`, '.other.db.1.2.abc.tmp', '.tea_ordersXdb.1.2.abc.tmp', 'tea_orders.db'].sort());
    expect(logged.map((entry) => entry.fields?.file).sort()).toEqual([stale, `${stale}-journal`, `${stale}-wal`].map((name) => path.join(dir, name)).sort());
    expect(logged.every((entry) => entry.level === 'info' && entry.msg === 'removed a stale snapshot temp file')).toBe(true);
    expect(() => removeStaleTempFiles(path.join(dir, 'missing', 'x.db'), log)).not.toThrow();
  });
});

describe('copies', () => {
  it('a copy that is not SQLite names the source, keeps the cause, leaves the target and no temp file', () => {
    const source = path.join(dir, 'source.db');
    fs.writeFileSync(source, 'not sqlite '.repeat(400));
    const target = path.join(dir, 'out', 'target.db');
    const error = thrown(() => copyVerified(source, target));
    expect(error.message).toBe(`copy of ${source} is not a readable SQLite database: file is not a database`);
    expect(error.file).toBe(source);
    expect(error.cause).toBeInstanceOf(DatabaseFileError);
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
  });

  it('a corrupt copy fails integrity_check with at most five of the findings', () => {
    const source = path.join(dir, 'source.db');
    corrupt(source);
    const error = thrown(() => copyVerified(source, path.join(dir, 'target.db')));
    expect(error.message).toMatch(new RegExp(`^SQLite integrity_check failed for copy of ${source}: `));
    const findings = error.message.slice(error.message.indexOf(': ') + 2).split('; ');
    expect(findings.length).toBeGreaterThanOrEqual(1);
    expect(findings.length).toBeLessThanOrEqual(5);
    expect(thrown(() => checkDatabaseFile(source, 'quick')).message).toMatch(new RegExp(`^SQLite quick_check failed for ${source}: `));
  });

  it('a copy opens without side files: rollback journal, whole, its size reported', () => {
    const source = path.join(dir, 'source.db');
    writeDb(source, 5, 'wal');
    const target = path.join(dir, 'target.db');
    expect(copyVerified(source, target)).toEqual({ bytes: fs.statSync(target).size });
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(5);
    copy.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['source.db', 'target.db']);
  });

  it('fsyncDir is best effort', () => {
    expect(() => fsyncDir(path.join(dir, 'missing'))).not.toThrow();
  });
});

describe('snapshot retry backoff', () => {
  it('retries a failed snapshot after debounceMs doubled per failure, capped at a minute', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const db = new Database(':memory:');
    fs.writeFileSync(path.join(dir, 'blocker'), 'x');
    const snapshotter = createSnapshotter({ db, snapshotPath: path.join(dir, 'blocker', 'tea_orders.db'), debounceMs: 10, log });
    const failuresAfter = async (ms: number) => {
      vi.advanceTimersByTime(ms);
      while (snapshotter.state().running) await tick();
      return snapshotter.state().consecutiveFailures;
    };
    snapshotter.markDirty();
    expect(await failuresAfter(10)).toBe(1);
    expect(await failuresAfter(19)).toBe(1);
    expect(await failuresAfter(1)).toBe(2);
    expect(await failuresAfter(39)).toBe(2);
    expect(await failuresAfter(1)).toBe(3);
    expect(await failuresAfter(80)).toBe(4);
    expect(await failuresAfter(160)).toBe(5);
    // 10 ms * 2^5 = 320 ms ... up to 10 ms * 2^13 = 81.92 s, which the one-minute cap cuts.
    for (const delay of [320, 640, 1280, 2560, 5120, 10_240, 20_480, 40_960]) await failuresAfter(delay);
    expect(snapshotter.state().consecutiveFailures).toBe(13);
    expect(await failuresAfter(59_999)).toBe(13);
    expect(await failuresAfter(1)).toBe(14);
    await snapshotter.close();
    db.close();
  });
});

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
