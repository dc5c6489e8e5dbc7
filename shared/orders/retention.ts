import type Database from 'better-sqlite3';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { businessDayOf } from './business-day.ts';
import { CHAT_TURN_RETENTION_DAYS } from './chat-turn-log.ts';

const DAY_MS = 86_400_000;
/**
 * Rows deleted per statement; the event loop gets a turn between batches. A stale session
 * carries its conversation (~1.5 KB): 500 of them took 11-20 ms per batch on a loaded 2-core
 * machine (bench:history), 100 take a fifth of that.
 */
export const PRUNE_BATCH = 100;
/** How often stale rows are pruned on time (besides every PRUNE_EVERY_WRITES writes). */
const PRUNE_INTERVAL_MS = 10 * 60_000;
/** Menu versions kept (the newest): enough history for any owner, and never unbounded. */
const MENU_VERSIONS_KEPT = 500;

export type RetentionResult = { deleted: Record<string, number>; longestBatchMs: number };

/**
 * Deletes what has gone stale: idempotency keys and idle sessions after a day, aliases whose
 * session is gone, agent turns after CHAT_TURN_RETENTION_DAYS, menu versions beyond the newest
 * MENU_VERSIONS_KEPT. Orders and their events are kept. Runs in small batches that yield, on a
 * timer as well as on the write count, never twice at once.
 */
export function createRetention({
  sqlite,
  now,
  timeZone,
  onDone,
}: {
  sqlite: Database.Database;
  now: () => Date;
  timeZone: string;
  onDone?: (result: RetentionResult) => void;
}) {
  /** One batch of `table`'s stale rows (`where`), by rowid so the batch is bounded. */
  const batch = (table: string, where: string) =>
    sqlite.prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${where} LIMIT ${PRUNE_BATCH})`);
  const steps = {
    idempotency_keys: {
      statement: batch('idempotency_keys', 'created_at < @dayAgo'),
      params: (at: Date) => ({ dayAgo: new Date(at.getTime() - DAY_MS).toISOString() }),
    },
    sessions: { statement: batch('sessions', 'updated_at < @dayAgo'), params: (at: Date) => ({ dayAgo: new Date(at.getTime() - DAY_MS).toISOString() }) },
    session_aliases: {
      statement: sqlite.prepare(
        `DELETE FROM session_aliases WHERE rowid IN (SELECT a.rowid FROM session_aliases a LEFT JOIN sessions s ON s.id = a.session_id WHERE s.id IS NULL LIMIT ${PRUNE_BATCH})`,
      ),
      params: () => ({}),
    },
    chat_turns: {
      statement: batch('chat_turns', 'business_day < @firstDay'),
      params: (at: Date) => ({ firstDay: businessDayOf(new Date(at.getTime() - CHAT_TURN_RETENTION_DAYS * DAY_MS), timeZone) }),
    },
    menu_versions: {
      statement: batch('menu_versions', `version <= (SELECT max(version) - ${MENU_VERSIONS_KEPT} FROM menu_versions)`),
      params: () => ({}),
    },
  };
  let running: Promise<RetentionResult> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function prune(): Promise<RetentionResult> {
    const at = now();
    const result: RetentionResult = { deleted: {}, longestBatchMs: 0 };
    for (const [table, { statement, params }] of Object.entries(steps)) {
      result.deleted[table] = 0;
      for (;;) {
        const started = performance.now();
        const { changes } = statement.run(params(at));
        result.longestBatchMs = Math.max(result.longestBatchMs, performance.now() - started);
        result.deleted[table] += changes;
        if (changes < PRUNE_BATCH) break;
        await nextTurn();
      }
    }
    onDone?.(result);
    return result;
  }

  return {
    /** Prunes now (or joins the run already under way). */
    run(): Promise<RetentionResult> {
      running ??= prune().finally(() => {
        running = undefined;
      });
      return running;
    },
    /** Prunes every `intervalMs` as well; the timer never keeps the process alive. */
    start(intervalMs = PRUNE_INTERVAL_MS): void {
      timer ??= setInterval(() => void this.run().catch(() => {}), intervalMs);
      timer.unref();
    },
    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
