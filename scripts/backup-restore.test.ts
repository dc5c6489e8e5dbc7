import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createBackup } from '../shared/db/backup-create.ts';
import { createSnapshotter } from '../shared/db/snapshot.ts';
import { readOrderIds, writeOrdersDb } from '../shared/testing/sqlite-files.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

/** Runs a script the way an operator would (`tsx scripts/x.ts ...`), without the npx start-up cost. */
async function runScript(script: string, args: string[]) {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join('scripts', script), ...args], {
      cwd: repoRoot,
    });
    return { code: 0, out: JSON.parse(stdout) as Record<string, unknown>, err: null };
  } catch (e) {
    const error = e as { code: number; stderr: string };
    return { code: error.code, out: null, err: JSON.parse(error.stderr) as { error: { code: string; message: string } } };
  }
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-backup-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

// Each case starts `node --import tsx` once or twice (~0.5 s idle, 3 s and more on a loaded
// machine): the timeout only guards against a hang, it is not a speed requirement.
describe('scripts/backup.ts and scripts/restore.ts', { timeout: 60_000 }, () => {
  it('round-trips: backup → restore --latest gives back the same rows', async () => {
    const source = path.join(dir, 'tea_orders.db');
    writeOrdersDb(source, [1, 2, 3]);
    const backups = path.join(dir, 'backups');

    const backup = await runScript('backup.ts', ['--source', source, '--dir', backups, '--keep', '5']);
    expect(backup.code).toBe(0);
    expect(backup.out).toMatchObject({ ok: true, integrity: 'ok', deleted: [] });
    expect(path.basename(String(backup.out?.backup))).toMatch(/^tea_orders-\d{8}T\d{6}Z\.db$/);

    const target = path.join(dir, 'restored', 'tea_orders.db');
    const restore = await runScript('restore.ts', ['--latest', '--dir', backups, '--db', target]);
    expect(restore.code).toBe(0);
    expect(restore.out).toMatchObject({ ok: true, dbPath: target, integrity: 'ok', overwrote: false });
    expect(readOrderIds(target)).toEqual([1, 2, 3]);
  });

  it('refuses to overwrite an existing database without --force, and overwrites with it', async () => {
    const source = path.join(dir, 'tea_orders.db');
    writeOrdersDb(source, [1, 2]);
    const { backup } = createBackup({ source, dir: path.join(dir, 'backups'), keep: 3 });
    const live = path.join(dir, 'live.db');
    writeOrdersDb(live, [7]);

    const refused = await runScript('restore.ts', ['--backup', backup, '--db', live]);
    expect(refused.code).toBe(1);
    expect(refused.err?.error.code).toBe('db_exists');
    expect(refused.err?.error.message).toMatch(/--force/);
    expect(readOrderIds(live)).toEqual([7]);

    const forced = await runScript('restore.ts', ['--backup', backup, '--db', live, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.out).toMatchObject({ overwrote: true });
    expect(readOrderIds(live)).toEqual([1, 2]);
  });

  it('rejects bad usage with exit code 2', async () => {
    const both = await runScript('restore.ts', ['--latest', '--backup', 'x.db']);
    expect(both.code).toBe(2);
    expect(both.err?.error.code).toBe('usage');
    const keep = await runScript('backup.ts', ['--keep', '0']);
    expect(keep.code).toBe(2);
  });
});

/** A volume as the order service leaves it: a base and two segments, from a live WAL database with ids 1..30. */
async function snapshotVolume(): Promise<string> {
  const live = path.join(dir, 'live.db');
  writeOrdersDb(live, [1, 2, 3]);
  const db = new Database(live);
  db.pragma('journal_mode = WAL');
  const snapshotPath = path.join(dir, 'volume', 'tea_orders.db');
  const snapshotter = createSnapshotter({ db, snapshotPath, debounceMs: 60_000, maxSegmentRatio: 100, log: () => {} });
  const insert = db.prepare('INSERT INTO orders (id, pickup) VALUES (?, ?)');
  for (const ids of [[4], [5, 6, 7, 8, 9, 10], Array.from({ length: 20 }, (_, i) => 11 + i)]) {
    for (const id of ids) insert.run(id, `A${id}`.padEnd(500, '.'));
    snapshotter.markDirty();
    await snapshotter.flush();
  }
  expect(snapshotter.state()).toMatchObject({ chainSegments: 2 });
  await snapshotter.close();
  db.close();
  return snapshotPath;
}

const allIds = Array.from({ length: 30 }, (_, i) => i + 1);

describe('backups of a snapshot made of a base and segments', { timeout: 60_000 }, () => {
  it('scripts/backup.ts and restore.ts rebuild every row from the base and its segments', async () => {
    const snapshotPath = await snapshotVolume();
    const backup = await runScript('backup.ts', ['--source', snapshotPath, '--dir', path.join(dir, 'backups')]);
    expect(backup.out).toMatchObject({ ok: true, integrity: 'ok', segments: 2 });
    expect(readOrderIds(String(backup.out?.backup))).toEqual(allIds);
    // A snapshot downloaded off the volume with its segments restores as a whole too.
    const target = path.join(dir, 'restored.db');
    const restore = await runScript('restore.ts', ['--backup', snapshotPath, '--db', target]);
    expect(restore.out).toMatchObject({ ok: true, segments: 2 });
    expect(readOrderIds(target)).toEqual(allIds);
  });

  it('the Modal cron (modal/backup_job.py, Python sqlite3) rebuilds the same database from the same files', async () => {
    const snapshotPath = await snapshotVolume();
    const code = [
      'import json, sys',
      "sys.path.insert(0, 'modal')",
      'import backup_job',
      'print(json.dumps(backup_job.run_backup(sys.argv[1], sys.argv[2], 3)))',
    ].join('\n');
    const { stdout } = await run('python3', ['-c', code, snapshotPath, path.join(dir, 'cron-backups')], { cwd: repoRoot });
    const result = JSON.parse(stdout) as { segments: number; backup: string; integrity: string };
    expect(result).toMatchObject({ segments: 2, integrity: 'ok' });
    expect(readOrderIds(result.backup)).toEqual(allIds);
  });
});
