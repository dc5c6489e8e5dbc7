import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { restoreSnapshot } from './snapshot.ts';

const snapshotModule = fileURLToPath(new URL('./snapshot.ts', import.meta.url));
const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

// The child takes snapshots of a database big enough that each spans many event-loop turns
// (backup steps, then the check in a worker), and is killed with SIGKILL while one is under way.
const CHILD = `
import { createRequire } from 'node:module';
const Database = createRequire(import.meta.url)(${JSON.stringify(driverPath)});
import { createSnapshotter } from ${JSON.stringify(snapshotModule)};
const db = new Database(process.argv[2]);
const s = createSnapshotter({ db, snapshotPath: process.argv[3], debounceMs: 1, log: () => {} });
const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
for (;;) { insert.run('late'); s.markDirty(); await s.flush(); }
`;

function rows(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    return (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('a snapshot killed half-way', () => {
  it('leaves the volume copy whole and restorable, and its temp file is cleared at restore', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-snap-kill-'));
    const live = path.join(dir, 'live.db');
    const snapshotPath = path.join(dir, 'volume', 'tea_orders.db');
    fs.mkdirSync(path.dirname(snapshotPath));
    const db = new Database(live);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 40_000; i += 1) insert.run(`row ${i}`.padEnd(400, '.'));
    })();
    await db.backup(snapshotPath);
    db.close();
    const before = rows(snapshotPath);

    const script = path.join(dir, 'child.mts');
    fs.writeFileSync(script, CHILD);
    const child = spawn(process.execPath, ['--import', 'tsx', script, live, snapshotPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    // Kill as soon as a temp copy is being written beside the snapshot.
    const tempPattern = /^\.tea_orders\.db\..*\.tmp$/;
    const deadline = Date.now() + 20_000;
    while (!fs.readdirSync(path.dirname(snapshotPath)).some((name) => tempPattern.test(name))) {
      if (Date.now() > deadline) throw new Error(`the child never started a snapshot: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Whatever the kill interrupted, the file at the snapshot path is a whole database.
    expect(rows(snapshotPath)).toBeGreaterThanOrEqual(before);
    const logs: string[] = [];
    const restored = restoreSnapshot({
      snapshotPath,
      dbPath: path.join(dir, 'disk2', 'live.db'),
      log: (_level, msg) => logs.push(msg),
    });
    expect(restored.restored).toBe(true);
    expect(rows(path.join(dir, 'disk2', 'live.db'))).toBe(rows(snapshotPath));
    expect(fs.readdirSync(path.dirname(snapshotPath)).filter((name) => tempPattern.test(name))).toEqual([]);
    expect(logs).toContain('removed a stale snapshot temp file');
  }, 30_000);
});
