import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup, pruneBackups } from './backup-create.ts';
import { latestBackup, restoreBackup } from './backup-restore.ts';

// What the backup and restore scripts print to an operator.
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-backup-messages-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeDb(file: string) {
  const db = new Database(file);
  db.exec('CREATE TABLE orders (id INTEGER PRIMARY KEY)');
  db.close();
}

describe('backup and restore results and refusals', () => {
  it('createBackup reports the file, its size, the check and what it kept', () => {
    const source = path.join(dir, 'tea_orders.db');
    writeDb(source);
    const backups = path.join(dir, 'backups');
    const result = createBackup({ source, dir: backups, keep: 2, now: new Date('2025-05-06T07:08:09.123Z') });
    const name = 'tea_orders-20250506T070809Z.db';
    expect(result).toEqual({
      backup: path.join(backups, name),
      bytes: fs.statSync(path.join(backups, name)).size,
      integrity: 'ok',
      segments: 0,
      kept: [name],
      deleted: [],
    });
    expect(result.bytes).toBeGreaterThan(0);
  });

  it('pruneBackups keeps everything when there are fewer than `keep`', () => {
    for (const name of ['tea_orders-20250101T000000Z.db', 'tea_orders-20250102T000000Z.db']) fs.writeFileSync(path.join(dir, name), '');
    expect(pruneBackups(dir, 3)).toEqual({ kept: ['tea_orders-20250101T000000Z.db', 'tea_orders-20250102T000000Z.db'], deleted: [] });
    expect(pruneBackups(dir, 1)).toEqual({ kept: ['tea_orders-20250102T000000Z.db'], deleted: ['tea_orders-20250101T000000Z.db'] });
    expect(fs.readdirSync(dir)).toEqual(['tea_orders-20250102T000000Z.db']);
  });

  it('refusals say what to do', () => {
    expect(() => createBackup({ source: path.join(dir, 'x.db'), dir, keep: 0 })).toThrow('keep must be an integer >= 1, got 0');
    expect(() => latestBackup(dir)).toThrow(`no backups (tea_orders-*.db) in ${dir}`);
    const live = path.join(dir, 'live.db');
    writeDb(live);
    expect(() => restoreBackup({ backup: live, dbPath: live })).toThrow(
      `${live} already exists; refusing to overwrite a database without --force (stop the service first: a running server keeps writing to its open file)`,
    );
  });
});
