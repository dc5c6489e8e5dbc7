// What a shop's history costs to keep: the retention prune's longest batch and longest
// event-loop block once a day's conversations and keys have gone stale, and the file's bytes
// by table and index (SQLite's dbstat), per past order.
import Database from 'better-sqlite3';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { findMigrationsFolder, openDb } from '../shared/db/open-db.ts';
import { createOrderService } from '../shared/orders/order-service.ts';

export type RetentionCost = { deleted: Record<string, number>; longestBatchMs: number; maxBlockMs: number; ms: number };

/** Prunes with the clock moved two days on, so every session and key the seed made is stale. */
export async function measureRetention(dbPath: string): Promise<RetentionCost> {
  const migrationsFolder = findMigrationsFolder();
  const opened = openDb(dbPath, migrationsFolder);
  const later = Date.now() + 2 * 86_400_000;
  const service = createOrderService({ opened, migrationsFolder, timeZone: 'Asia/Shanghai', secondsPerDrink: 60, now: () => new Date(later) });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const { deleted, longestBatchMs } = await service.prune();
  const ms = performance.now() - started;
  delay.disable();
  service.close();
  opened.close();
  return { deleted, longestBatchMs, maxBlockMs: delay.max / 1e6, ms };
}

/** Bytes of each table and index in the file. */
export function bytesByObject(dbPath: string): Record<string, number> {
  const sqlite = new Database(dbPath, { readonly: true });
  const rows = sqlite.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as { name: string; bytes: number }[];
  sqlite.close();
  return Object.fromEntries(rows.map((row) => [row.name, row.bytes]));
}
