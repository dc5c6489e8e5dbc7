// Telling our databases from anything else that could sit at DB_SNAPSHOT_PATH: a zero-byte
// file, another application's SQLite file, a file from before our first migration.
import Database from 'better-sqlite3';
import { DatabaseFileError } from './snapshot-file.ts';
import { messageOf } from '../errors.ts';
import { readJournal } from './open-db.ts';

/** "TEA1": written by drizzle/0001_mark_application_id.sql into the SQLite header. */
export const APPLICATION_ID = 0x54454131;

/**
 * Throws a DatabaseFileError unless `file` is one of our databases: not empty, passes
 * `quick_check`, and carries our application id, or (a snapshot taken before that
 * migration) has no id but records our first migration in drizzle's migrations table.
 * Opens the file read-only: the file is never changed.
 */
export function assertOurDatabase(file: string, migrationsFolder: string): void {
  let db: Database.Database | undefined;
  const refuse = (why: string): never => {
    throw new DatabaseFileError(`${file} is not a tea-order-agent database: ${why}`, file);
  };
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') refuse(`quick_check failed (${String(check)})`);
    const applicationId = db.pragma('application_id', { simple: true });
    if (applicationId !== 0 && applicationId !== APPLICATION_ID) refuse(`it belongs to another application (application_id ${applicationId})`);
    const hasMigrations = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    if (!hasMigrations) refuse('it has no migrations table (an empty or foreign file)');
    const first = firstMigrationMillis(migrationsFolder);
    const ours = db.prepare('SELECT 1 FROM __drizzle_migrations WHERE created_at = ?').get(first);
    if (!ours) refuse('its migrations table does not record our first migration');
  } catch (err) {
    if (err instanceof DatabaseFileError) throw err;
    throw new DatabaseFileError(`${file} is not a readable SQLite database: ${messageOf(err)}`, file, { cause: err });
  } finally {
    db?.close();
  }
}

function firstMigrationMillis(migrationsFolder: string): number {
  const when = readJournal(migrationsFolder).entries[0]?.when;
  if (when === undefined) throw new Error(`${migrationsFolder}: the migrations journal names no first migration`);
  return when;
}
