import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup } from './backup-create.ts';
import { formatBackupName, isBackupName, listBackups } from './backup-name.ts';
import { latestBackup, RefusedOverwriteError, restoreBackup } from './backup-restore.ts';
import { readOrderIds, writeOrdersDb } from '../testing/sqlite-files.ts';

// The backup and restore logic in process; scripts/backup-restore.test.ts runs the CLIs.

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-backup-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup logic', () => {
  it('keeps only the newest N backups and never touches other files', () => {
    const source = path.join(dir, 'tea_orders.db');
    writeOrdersDb(source, [1]);
    const backups = path.join(dir, 'backups');
    fs.mkdirSync(backups);
    fs.writeFileSync(path.join(backups, 'notes.txt'), 'keep me');
    const start = Date.UTC(2025, 0, 1, 8, 0, 0);
    let last: ReturnType<typeof createBackup> | undefined;
    for (let h = 0; h < 5; h++) last = createBackup({ source, dir: backups, keep: 3, now: new Date(start + h * 3600_000) });
    expect(listBackups(backups)).toEqual(['tea_orders-20250101T100000Z.db', 'tea_orders-20250101T110000Z.db', 'tea_orders-20250101T120000Z.db']);
    expect(last?.deleted).toEqual(['tea_orders-20250101T090000Z.db']);
    expect(fs.readFileSync(path.join(backups, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('formats names in UTC', () => {
    expect(formatBackupName(new Date('2025-03-04T05:06:07.890Z'))).toBe('tea_orders-20250304T050607Z.db');
  });

  it('never stores a corrupt copy, and never restores one', () => {
    const source = path.join(dir, 'tea_orders.db');
    fs.writeFileSync(source, 'garbage '.repeat(1000));
    const backups = path.join(dir, 'backups');
    expect(() => createBackup({ source, dir: backups, keep: 3 })).toThrow(/not a readable SQLite database/);
    expect(fs.readdirSync(backups)).toEqual([]);

    const target = path.join(dir, 'target.db');
    expect(() => restoreBackup({ backup: source, dbPath: target })).toThrow(/not a readable SQLite database/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('fails clearly when the snapshot does not exist yet', () => {
    expect(() => createBackup({ source: path.join(dir, 'missing.db'), dir, keep: 1 })).toThrow(/does not exist/);
  });
});

describe('restore logic', () => {
  it('refuses to overwrite an existing database unless forced, and says whether it overwrote', () => {
    const source = path.join(dir, 'tea_orders.db');
    writeOrdersDb(source, [1, 2]);
    const { backup } = createBackup({ source, dir: path.join(dir, 'backups'), keep: 3 });
    const live = path.join(dir, 'live.db');
    writeOrdersDb(live, [7]);
    expect(() => restoreBackup({ backup, dbPath: live })).toThrow(RefusedOverwriteError);
    expect(readOrderIds(live)).toEqual([7]);
    expect(restoreBackup({ backup, dbPath: live, force: true })).toMatchObject({ restored: backup, dbPath: live, integrity: 'ok', overwrote: true });
    expect(readOrderIds(live)).toEqual([1, 2]);
    const fresh = path.join(dir, 'fresh.db');
    const restored = restoreBackup({ backup, dbPath: fresh });
    expect(restored).toMatchObject({ overwrote: false, bytes: fs.statSync(fresh).size });
    expect(readOrderIds(fresh)).toEqual([1, 2]);
  });

  it('finds the newest backup by name; none, or no folder, is a clear error', () => {
    const backups = path.join(dir, 'backups');
    expect(listBackups(backups)).toEqual([]);
    expect(() => latestBackup(backups)).toThrow(/no backups/);
    fs.mkdirSync(backups);
    for (const name of ['tea_orders-20250101T090000Z.db', 'tea_orders-20250102T090000Z.db', 'tea_orders-20241231T090000Z.db', 'other.db'])
      fs.writeFileSync(path.join(backups, name), '');
    expect(latestBackup(backups)).toBe(path.join(backups, 'tea_orders-20250102T090000Z.db'));
  });

  it('recognises only the exact backup name pattern', () => {
    expect(isBackupName('tea_orders-20250304T050607Z.db')).toBe(true);
    for (const name of [
      'tea_orders-20250304T050607Z.db.tmp',
      'x-tea_orders-20250304T050607Z.db',
      'tea_orders-2025030T050607Z.db',
      'tea_orders-20250304T050607.db',
    ])
      expect(isBackupName(name), name).toBe(false);
  });

  it('refuses a keep count below one or not whole, before copying anything', () => {
    const source = path.join(dir, 'tea_orders.db');
    writeOrdersDb(source, [1]);
    const backups = path.join(dir, 'backups');
    for (const keep of [0, -1, 1.5]) expect(() => createBackup({ source, dir: backups, keep })).toThrow(RangeError);
    expect(listBackups(backups)).toEqual([]);
    expect(createBackup({ source, dir: backups, keep: 1 }).kept).toHaveLength(1);
  });
});
