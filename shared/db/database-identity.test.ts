import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertOurDatabase } from './database-identity.ts';
import { findMigrationsFolder, openDb } from './open-db.ts';
import { DatabaseFileError } from './snapshot-file.ts';
import { writeDamagedDb } from '../testing/sqlite-files.ts';

// The refusal an operator reads when DB_SNAPSHOT_PATH holds something that is not ours.
const migrations = findMigrationsFolder();
let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-identity-'));
  file = path.join(dir, 'tea_orders.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function withSqlite(setup: (db: Database.Database) => void) {
  const db = new Database(file);
  setup(db);
  db.close();
}

/** The DatabaseFileError assertOurDatabase throws, checked to name the file and to leave it unchanged. */
function refusal(): DatabaseFileError {
  const before = fs.readFileSync(file);
  let thrown: unknown;
  try {
    assertOurDatabase(file, migrations);
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(DatabaseFileError);
  expect((thrown as DatabaseFileError).file).toBe(file);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  return thrown as DatabaseFileError;
}

describe('assertOurDatabase', () => {
  it('accepts our database, and one from before the application id that records our first migration', () => {
    const opened = openDb(file, migrations);
    opened.sqlite.pragma('journal_mode = DELETE');
    opened.close();
    expect(() => assertOurDatabase(file, migrations)).not.toThrow();
    withSqlite((db) => db.pragma('application_id = 0'));
    expect(() => assertOurDatabase(file, migrations)).not.toThrow();
  });

  it('refuses a zero-byte file: no migrations table', () => {
    fs.writeFileSync(file, '');
    expect(refusal().message).toBe(`${file} is not a tea-order-agent database: it has no migrations table (an empty or foreign file)`);
  });

  it("refuses another application's file by its application id", () => {
    withSqlite((db) => {
      db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY)');
      db.pragma('application_id = 42');
    });
    expect(refusal().message).toBe(`${file} is not a tea-order-agent database: it belongs to another application (application_id 42)`);
  });

  it('refuses a drizzle migrations table that does not record our first migration', () => {
    withSqlite((db) => {
      db.exec('CREATE TABLE __drizzle_migrations (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, created_at NUMERIC)');
      db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('x', 1);
    });
    expect(refusal().message).toBe(`${file} is not a tea-order-agent database: its migrations table does not record our first migration`);
  });

  it('refuses one of ours that fails quick_check, with what SQLite found', () => {
    writeDamagedDb(file, migrations);
    expect(refusal().message).toMatch(
      new RegExp(`^${file} is not a tea-order-agent database: quick_check failed \\(\\*\\*\\* in database main \\*\\*\\*\n.+\\)$`, 's'),
    );
  });

  it('refuses a file that is not SQLite, keeping SQLite’s error as the cause', () => {
    fs.writeFileSync(file, 'not a database '.repeat(500));
    const error = refusal();
    expect(error.message).toBe(`${file} is not a readable SQLite database: file is not a database`);
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as { code?: string }).code).toBe('SQLITE_NOTADB');
  });
});
