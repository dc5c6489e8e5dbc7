import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertOrderHistory } from '../testing/order-history.ts';
import { findMigrationsFolder, type OpenedDb, openDb } from './open-db.ts';
import { copySnapshot } from './snapshot-chain.ts';
import { listSegments, segmentPath } from './snapshot-segment.ts';
import { createSnapshotter, restoreSnapshot, type LogFn, type SnapshotterOptions } from './snapshot.ts';

// Base + segments against the live database they were cut from, on our real schema.
type Logged = { level: string; msg: string; fields?: Record<string, unknown> };
let dir: string;
let logged: Logged[];
const log: LogFn = (level, msg, fields) => {
  logged.push({ level, msg, ...(fields ? { fields } : {}) });
};
let live: OpenedDb;
let snapshotPath: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-chain-'));
  logged = [];
  live = openDb(path.join(dir, 'disk', 'tea_orders.db'), findMigrationsFolder());
  snapshotPath = path.join(dir, 'volume', 'tea_orders.db');
});
afterEach(() => {
  if (live.sqlite.open) live.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every table's rows and the schema, as comparable text. */
function dump(db: Database.Database): string {
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string; sql: string }>;
  return JSON.stringify(
    tables.map(({ name, sql }) => ({
      sql,
      rows: (db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][]).map((row) => JSON.stringify(row)).sort(),
    })),
  );
}

function dumpFile(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return dump(db);
  } finally {
    db.close();
  }
}

let rebuilt = 0;
/** What a restore would give right now (a private copy; the volume is only read). */
function rebuild() {
  const target = path.join(dir, `rebuilt-${rebuilt++}.db`);
  const { chain } = copySnapshot(snapshotPath, target, { log });
  return { dump: dumpFile(target), chain };
}

/** A round of shop traffic: new orders, status changes, a session created and one deleted (pages freed and reused). */
function traffic(round: number) {
  insertOrderHistory(live.sqlite, { count: 30, firstId: 100_000 + round * 30, status: 'placed' });
  live.sqlite.prepare("UPDATE orders SET status = 'completed' WHERE id IN (SELECT id FROM orders WHERE status = 'placed' ORDER BY id LIMIT 10)").run();
  live.sqlite
    .prepare("INSERT INTO sessions (id, state, lang, cart, history, created_at, updated_at) VALUES (?, 'empty', 'en', '{}', ?, 'now', 'now')")
    .run(`s${round}`, JSON.stringify(Array.from({ length: 40 }, (_, i) => `turn ${i} of round ${round}`)));
  live.sqlite.prepare('DELETE FROM sessions WHERE id = ?').run(`s${round - 2}`);
}

function snapshotter(extra: Partial<SnapshotterOptions> = {}) {
  return createSnapshotter({ db: live.sqlite, snapshotPath, debounceMs: 60_000, log, ...extra });
}

describe('base + segments', () => {
  it('rebuild to the live database after every tick, across checkpoints and compactions', async () => {
    insertOrderHistory(live.sqlite, { count: 2_000 });
    const s = snapshotter({ maxSegments: 4, maxSegmentRatio: 100, checkpointFrames: 30 });
    const kinds: string[] = [];
    for (let round = 0; round < 14; round++) {
      traffic(round);
      s.markDirty();
      await s.flush();
      kinds.push(s.state().lastKind!);
      const { dump: restored, chain } = rebuild();
      expect(restored, `round ${round}`).toBe(dump(live.sqlite));
      expect(chain.applied).toBe(s.state().chainSegments);
    }
    // The first snapshot is a base from the live database; then segments, and the tick that
    // ships the fourth compacts the volume's base and segments into a new base.
    expect(kinds).toEqual(['base', ...Array(4).fill(['segment', 'segment', 'segment', 'base']).flat()].slice(0, 14));
    expect(s.state()).toMatchObject({ bases: 4, compactions: 3, segments: 13 });
    const state = s.state();
    expect(state.lastBytesWritten! * 5).toBeLessThan(fs.statSync(snapshotPath).size); // a segment is a fraction of the base
    await s.close();
    // Only the newest generation is left on the volume.
    expect(new Set(listSegments(snapshotPath).map((segment) => segment.generation))).toEqual(new Set([state.generation]));
    const restart = path.join(dir, 'fresh-disk', 'tea_orders.db');
    const restored = restoreSnapshot({ snapshotPath, dbPath: restart, log, migrationsFolder: findMigrationsFolder() });
    expect(restored).toMatchObject({ restored: true, generation: state.generation, segments: state.chainSegments });
    expect(dumpFile(restart)).toBe(dump(live.sqlite));
    expect(logged.filter((entry) => entry.level === 'error' || entry.level === 'warn')).toEqual([]);
  });

  it('a failed segment (after its frames were checkpointed) makes the next snapshot a new base: no gap', async () => {
    const s = snapshotter({ checkpointFrames: 1, maxSegmentRatio: 100 });
    traffic(0);
    s.markDirty();
    await s.flush();
    traffic(1);
    s.markDirty();
    await s.flush();
    expect(s.state()).toMatchObject({ lastKind: 'segment', chainSegments: 1 });
    // Something in the way of segment 2's name: its rename fails.
    const blocked = segmentPath(snapshotPath, s.state().generation!, 2);
    fs.mkdirSync(path.join(blocked, 'x'), { recursive: true });
    traffic(2);
    s.markDirty();
    await s.flush();
    expect(s.state()).toMatchObject({ consecutiveFailures: 1, generation: null });
    fs.rmSync(blocked, { recursive: true });
    traffic(3);
    await s.flush(); // still dirty from the failure
    expect(s.state()).toMatchObject({ lastKind: 'base', consecutiveFailures: 0, chainSegments: 0 });
    expect(rebuild().dump).toBe(dump(live.sqlite));
    await s.close();
  });

  it('close() ships the last writes as a segment, never compacting; closeNowSync() does it synchronously', async () => {
    const s = snapshotter({ maxSegments: 1 }); // full after one segment: a tick now would compact
    traffic(0);
    s.markDirty();
    await s.flush();
    traffic(1);
    s.markDirty();
    await s.close();
    expect(s.state()).toMatchObject({ lastKind: 'segment', chainSegments: 1 });
    const t = snapshotter({ maxSegmentRatio: 100 });
    traffic(2);
    t.markDirty();
    await t.flush(); // a new snapshotter starts with a base
    traffic(3);
    t.markDirty();
    t.closeNowSync();
    expect(t.state()).toMatchObject({ lastKind: 'segment', chainSegments: 1 });
    expect(rebuild().dump).toBe(dump(live.sqlite));
  });
});

describe('a chain that is not whole', () => {
  /** A base and three segments; the live dumps after each. */
  async function threeSegments() {
    const s = snapshotter({ maxSegmentRatio: 100 });
    const dumps: string[] = [];
    for (let round = 0; round < 4; round++) {
      traffic(round);
      s.markDirty();
      await s.flush();
      dumps.push(dump(live.sqlite));
    }
    await s.close();
    const segments = listSegments(snapshotPath);
    expect(segments.map((segment) => segment.seq)).toEqual([1, 2, 3]);
    return { dumps, segments };
  }

  it('stops at the last good segment when one in the middle is missing or damaged, and says so', async () => {
    const { dumps, segments } = await threeSegments();
    const saved = fs.readFileSync(segments[1]!.file);
    fs.rmSync(segments[1]!.file);
    let result = rebuild();
    expect(result.dump).toBe(dumps[1]); // base (round 0) + segment 1 (round 1)
    expect(result.chain).toMatchObject({ applied: 1, broken: { seq: 2, cause: 'segment 2 is missing', ignored: 1 } });

    fs.writeFileSync(segments[1]!.file, saved);
    const db = new Database(segments[1]!.file);
    db.prepare('UPDATE pages SET data = zeroblob(length(data)) WHERE pgno = (SELECT max(pgno) FROM pages)').run();
    db.close();
    logged = [];
    result = rebuild();
    expect(result.dump).toBe(dumps[1]);
    expect(result.chain).toMatchObject({ applied: 1, broken: { seq: 2, ignored: 2 } });
    expect(result.chain.broken?.cause).toMatch(/fails its checksum/);
    expect(logged).toEqual([
      {
        level: 'error',
        msg: 'snapshot segment chain broken: restored up to the last good segment',
        fields: expect.objectContaining({ appliedThrough: 1, missingOrBroken: segments[1]!.file, ignoredSegments: 2 }),
      },
    ]);

    // A segment under the wrong name (its meta says otherwise) stops the chain too.
    fs.copyFileSync(segments[0]!.file, segments[1]!.file);
    expect(rebuild().chain.broken?.cause).toMatch(/its meta says generation [0-9a-f]{16} segment 1/);
  });

  it('segments left by an older base (a crash after a compaction, a backup put over the snapshot) never apply, and the restore removes them', async () => {
    const { segments } = await threeSegments();
    const old = segments.map((segment) => ({ file: segment.file, bytes: fs.readFileSync(segment.file) }));
    // An operator puts a backup over the snapshot: a whole database of its own.
    const backup = path.join(dir, 'backup.db');
    const other = openDb(backup, findMigrationsFolder());
    insertOrderHistory(other.sqlite, { count: 5 });
    other.sqlite.pragma('journal_mode = DELETE');
    other.close();
    fs.copyFileSync(backup, snapshotPath);
    for (const { file, bytes } of old) fs.writeFileSync(file, bytes);
    const target = path.join(dir, 'fresh', 'tea_orders.db');
    const result = restoreSnapshot({ snapshotPath, dbPath: target, log, migrationsFolder: findMigrationsFolder() });
    expect(result).toMatchObject({ restored: true, segments: 0 });
    expect(dumpFile(target)).toBe(dumpFile(backup));
    expect(listSegments(snapshotPath)).toEqual([]);
    expect(logged.filter((entry) => entry.msg === 'removed a snapshot segment of another generation')).toHaveLength(3);
  });
});
