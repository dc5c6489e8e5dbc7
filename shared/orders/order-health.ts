import type Database from 'better-sqlite3';
import { migrationStatus } from '../db/open-db.ts';
import type { HealthCheck } from '../http/function-module.ts';

/** The order function's own check: the database answers and every migration is applied. */
export function checkOrderDatabase(sqlite: Database.Database, migrationsFolder: string): HealthCheck {
  try {
    const { applied, expected } = migrationStatus(sqlite, migrationsFolder);
    const migrated = applied >= expected;
    return { status: migrated ? 'ok' : 'down', db: 'reachable', migrations: { applied, expected } };
  } catch (err) {
    return { status: 'down', db: 'unreachable', error: err instanceof Error ? err.message : String(err) };
  }
}
