import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { seedRowsDb } from '../testing/sqlite-files.ts';
import { restoreSnapshot } from './snapshot.ts';

const snapshotModule = fileURLToPath(new URL('./snapshot.ts', import.meta.url));
const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

// The child writes a base from its live database (the stepped backup of 16 MB spans many
// event-loop turns), then keeps adding rows and shipping them as segments, reporting on stdout
// how many rows each finished snapshot holds. In `compaction` mode the chain is full after three
// segments, and the tick that ships the third compacts the volume's files into a new base.
// It is killed with SIGKILL while a temp file is being written beside the snapshot.
const CHILD = `
import { createRequire } from 'node:module';
const Database = createRequire(import.meta.url)(${JSON.stringify(driverPath)});
import { createSnapshotter } from ${JSON.stringify(snapshotModule)};
const [live, snapshotPath, mode] = process.argv.slice(2);
const db = new Database(live);
const maxSegments = mode === 'compaction' ? 3 : 1000;
const s = createSnapshotter({ db, snapshotPath, debounceMs: 1, maxSegments, maxSegmentRatio: 1000, log: () => {} });
const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
const batch = db.transaction(() => { for (let i = 0; i < 2000; i++) insert.run('late'.padEnd(400, '-')); });
const count = db.prepare('SELECT count(*) FROM t').pluck();
await s.flush({ base: true });
process.stdout.write('shipped ' + count.get() + '\\n');
for (let round = 1; ; round++) {
  batch();
  s.markDirty();
  if (s.state().chainSegments === maxSegments - 1) process.stdout.write('compacting\\n');
  await s.flush();
  process.stdout.write('shipped ' + count.get() + '\\n');
}
`;

function rows(file: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    return db.prepare('SELECT id FROM t ORDER BY id').pluck().all() as number[];
  } finally {
    db.close();
  }
}

const TEMP = /^\.tea_orders\.db\..*\.tmp$/;

async function killMidSnapshot(mode: 'base' | 'segments' | 'compaction') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-snap-kill-'));
  const live = path.join(dir, 'live.db');
  const volume = path.join(dir, 'volume');
  const snapshotPath = path.join(volume, 'tea_orders.db');
  fs.mkdirSync(volume);
  seedRowsDb(live, { rows: 40_000, rowBytes: 400 });
  const seeded = new Database(live);
  await seeded.backup(snapshotPath); // a snapshot from before: a base of its own, no segments
  seeded.close();
  const script = path.join(dir, 'child.mts');
  fs.writeFileSync(script, CHILD);
  const child = spawn(process.execPath, ['--import', 'tsx', script, live, snapshotPath, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const shipped = () => [...stdout.matchAll(/shipped (\d+)\n/g)].map((m) => Number(m[1]));
  // Base: kill while the first base is a temp file. Segments: once a few have been written, kill
  // while the next one is. Compaction: kill while the new base announced after segments is.
  const ready = {
    base: () => true,
    segments: () => shipped().length >= 3,
    // ...and its third segment is in place, so the temp file is the compacted base.
    compaction: () => /compacting\n$/.test(stdout) && fs.readdirSync(volume).some((name) => name.endsWith('-00000003')),
  }[mode];
  const deadline = Date.now() + 40_000;
  while (!(ready() && fs.readdirSync(volume).some((name) => TEMP.test(name)))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`never caught a snapshot in the act (${mode}): ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const acknowledged = Math.max(40_000, ...shipped());
  const leftTemp = fs.readdirSync(volume).some((name) => TEMP.test(name));

  const logs: Array<{ level: string; msg: string }> = [];
  const target = path.join(dir, 'disk2', 'live.db');
  const restored = restoreSnapshot({ snapshotPath, dbPath: target, log: (level, msg) => logs.push({ level, msg }) });
  expect(restored.restored).toBe(true);
  const ids = rows(target);
  // Every row of a finished snapshot is there, as a consistent prefix of the inserts.
  expect(ids.length).toBeGreaterThanOrEqual(acknowledged);
  expect(ids[ids.length - 1]).toBe(ids.length);
  expect(logs.filter((entry) => entry.level === 'error')).toEqual([]);
  expect(fs.readdirSync(volume).filter((name) => TEMP.test(name))).toEqual([]);
  if (leftTemp) expect(logs.map((entry) => entry.msg)).toContain('removed a stale snapshot temp file');
  fs.rmSync(dir, { recursive: true, force: true });
  return restored;
}

describe('a snapshot killed half-way', () => {
  it('mid-base: the snapshot from before, or the new base, restores whole; the temp file is cleared', async () => {
    expect(await killMidSnapshot('base')).toMatchObject({ restored: true, segments: 0 });
  }, 60_000);

  it('mid-segment: the volume rebuilds whole, with every segment that finished', async () => {
    const restored = await killMidSnapshot('segments');
    expect(restored).toMatchObject({ restored: true });
    expect(restored.restored && restored.segments).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('mid-compaction: the old base and its segments, or the compacted base, rebuild whole', async () => {
    expect(await killMidSnapshot('compaction')).toMatchObject({ restored: true });
  }, 60_000);
});
