import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';
import * as v from 'valibot';

export type Db = BetterSQLite3Database<typeof schema>;
export type OpenedDb = { db: Db; sqlite: Database.Database; close(): void };

/**
 * Opens the database, sets its pragmas and applies every migration in drizzle/.
 *
 * Pragmas, and why:
 * - journal_mode=WAL: the queue and menu reads never wait for an order insert, and a reader
 *   (the snapshotter's online backup) sees a consistent state while writes go on.
 * - synchronous=NORMAL: in WAL mode this is safe against a process crash (the only kind of
 *   failure a Modal container has that the snapshot does not already bound); it skips an
 *   fsync per commit, which is most of an insert's cost.
 * - busy_timeout=5000: a second connection (backup script, restore check) waits for the
 *   write lock instead of failing at once with SQLITE_BUSY.
 * - foreign_keys=ON: SQLite leaves them off by default; order lines and events must belong
 *   to an order.
 */
export function openDb(path: string, migrationsFolder = findMigrationsFolder()): OpenedDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return { db, sqlite, close: () => sqlite.close() };
}

/**
 * drizzle/ sits at the repository root and, after a build, at dist/drizzle. Walk up from this
 * module (which may be a bundled chunk in dist/chunks) until one is found.
 */
export function findMigrationsFolder(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`no drizzle/ migrations folder found above ${from}`);
  }
}

/** The number of applied migrations, and whether that is all of them (the health check). */
export function migrationStatus(sqlite: Database.Database, migrationsFolder = findMigrationsFolder()) {
  const applied = sqlite.prepare<[], number>('SELECT count(*) FROM __drizzle_migrations').pluck().get() ?? 0;
  return { applied, expected: readJournal(migrationsFolder).entries.length };
}

const JournalSchema = v.object({ entries: v.array(v.looseObject({ when: v.optional(v.number()) })) });

/** drizzle-kit's list of the migrations (drizzle/meta/_journal.json). */
export function readJournal(migrationsFolder: string): v.InferOutput<typeof JournalSchema> {
  return v.parse(JournalSchema, JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')));
}
