import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findMigrationsFolder, migrationStatus, openDb } from './open-db.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-open-db-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('openDb', () => {
  it('creates the folder, sets the pragmas DESIGN relies on and applies every migration', () => {
    const file = path.join(dir, 'nested', 'tea_orders.db');
    const opened = openDb(file, findMigrationsFolder());
    const pragma = (name: string) => opened.sqlite.pragma(name, { simple: true });
    expect([pragma('journal_mode'), pragma('synchronous'), pragma('busy_timeout'), pragma('foreign_keys')]).toEqual(['wal', 1, 5000, 1]);
    const status = migrationStatus(opened.sqlite, findMigrationsFolder());
    expect(status.applied).toBeGreaterThan(0);
    expect(status.applied).toBe(status.expected);
    opened.close();
    expect(opened.sqlite.open).toBe(false);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('keeps an in-memory database in memory, with the same pragmas otherwise', () => {
    const opened = openDb(':memory:');
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('memory');
    expect([opened.sqlite.pragma('synchronous', { simple: true }), opened.sqlite.pragma('foreign_keys', { simple: true })]).toEqual([1, 1]);
    expect(fs.existsSync(':memory:')).toBe(false);
    opened.close();
  });

  it('reports a database behind the migrations as not up to date', () => {
    const opened = openDb(':memory:');
    opened.sqlite.prepare('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)').run();
    const status = migrationStatus(opened.sqlite);
    expect(status.applied).toBe(status.expected - 1);
    opened.close();
  });
});

describe('findMigrationsFolder', () => {
  it('walks up to the drizzle/ folder', () => {
    expect(findMigrationsFolder(path.join(findMigrationsFolder(), '..', 'shared', 'db'))).toBe(findMigrationsFolder());
  });

  it('says where it looked when there is no drizzle/ folder above', () => {
    expect(() => findMigrationsFolder(dir)).toThrow(`no drizzle/ migrations folder found above ${dir}`);
  });
});
