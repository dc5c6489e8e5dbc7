import type Database from 'better-sqlite3';
import { runSync, type WriteJob } from './write-job.ts';

// Group commit for the hot write path (POST /orders).
//
// With WAL and synchronous=NORMAL an order's own statements are cheap; its COMMIT is not
// (~150 µs: every page the order touched — the orders row and its three indexes, the lines
// and their two indexes, the status event and its index — is appended to the WAL again). Under
// load many orders arrive in the same event-loop turn, and they touch the same pages. So the
// writes queued during one turn run in ONE transaction, flushed from setImmediate (after the
// poll phase has handed every readable socket to its handler), and the commit cost is shared.
//
// A job that throws rolls back only its own writes and rejects only its own promise; the jobs
// before and after it commit. Jobs run one after the other in arrival order, each seeing the
// writes of the ones before it, so anything a job reads and then writes (the day's next pickup
// number, an Idempotency-Key seen earlier in the same batch) stays exactly as right as with one
// transaction per job. A job's promise settles only after the COMMIT, so nobody is told "done"
// about a write that could still be lost.
//
// The isolation comes from a SAVEPOINT per job, but only when needed: a savepoint and its
// release cost ~20 µs per order (SQLite copies every page the job touches into the savepoint
// journal), about as much as the order's own inserts. So a batch first runs without them; when
// a job throws, that attempt is rolled back whole and the batch runs again with one savepoint
// per job. Jobs must therefore be synchronous database work with no effect outside the
// transaction (they may run twice; only the committed run counts). Callers should reject
// input they can check up front before queueing it, so a bad request rarely costs a re-run.
//
// Synchronous is enforced: `WriteJob` refuses a function that returns a Promise (an `async`
// job's writes after its first `await` would land outside the transaction, autocommitted one
// by one), and a job that returns a thenable anyway (through a cast or `any`) fails: it throws
// inside the transaction, so the writes it made before returning roll back.

export type WriteBatcherOptions<T> = {
  sqlite: Database.Database;
  /** Flush at once when this many jobs wait, rather than at the end of the turn: bounds a batch's size and latency. */
  maxBatch?: number;
  /**
   * Runs once per committed batch that wrote anything, with the results of the jobs that succeeded (in order),
   * before any caller resumes. If it throws, every job of the batch rejects with that error,
   * as a request whose post-write hook threw used to fail (the writes stay committed).
   */
  afterCommit?: (results: T[]) => void;
};

export type WriteBatcher<T> = {
  /** Queues `job` for the next batch; settles after that batch commits. */
  run<R extends T>(job: WriteJob<R>): Promise<R>;
  /** Runs the waiting jobs now (also what the setImmediate does). */
  flush(): void;
  readonly pending: number;
};

/** A job as queued: `resolve` hands the caller the value of the job's committed run. */
type Queued<T> = { job: () => T; resolve: () => void; reject: (error: unknown) => void };
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export const DEFAULT_MAX_BATCH = 256;

/** Thrown out of the fast attempt so that better-sqlite3 rolls it back. */
class JobFailed {
  constructor(readonly error: unknown) {}
}

export function createWriteBatcher<T>({ sqlite, maxBatch = DEFAULT_MAX_BATCH, afterCommit }: WriteBatcherOptions<T>): WriteBatcher<T> {
  let queue: Queued<T>[] = [];
  let timer: NodeJS.Immediate | undefined;
  let flushing = false;

  // Prepared once. Called inside the batch's transaction, better-sqlite3 makes this
  // SAVEPOINT … RELEASE, and ROLLBACK TO + RELEASE when the job throws.
  const inSavepoint = sqlite.transaction((job: () => T) => runSync(job));

  // IMMEDIATE takes the write lock up front: a deferred transaction that reads first could fail
  // to upgrade to a writer if another connection (a backup, a restore check) wrote meanwhile.
  const runFast = sqlite.transaction((jobs: Queued<T>[]): Outcome<T>[] => {
    const outcomes: Outcome<T>[] = [];
    for (const { job } of jobs) {
      try {
        outcomes.push({ ok: true, value: runSync(job) });
      } catch (error) {
        // Its writes so far are mixed with the others': undo the whole attempt.
        throw new JobFailed(error);
      }
    }
    return outcomes;
  }).immediate;

  const runIsolated = sqlite.transaction((jobs: Queued<T>[]): Outcome<T>[] => {
    const outcomes: Outcome<T>[] = [];
    for (const { job } of jobs) {
      try {
        outcomes.push({ ok: true, value: inSavepoint(job) });
      } catch (error) {
        // Some errors (SQLITE_FULL, SQLITE_IOERR, …) make SQLite roll back the whole
        // transaction: the earlier jobs' writes are gone too, so the batch fails as a whole.
        if (!sqlite.inTransaction) throw error;
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }).immediate;

  function runBatch(jobs: Queued<T>[]): Outcome<T>[] {
    try {
      return runFast(jobs);
    } catch (error) {
      if (!(error instanceof JobFailed)) throw error;
      // A batch of one needs no second run: rolling it back was rolling back that job alone.
      if (jobs.length === 1) return [{ ok: false, error: error.error }];
    }
    return runIsolated(jobs);
  }

  function flush(): void {
    if (timer) clearImmediate(timer);
    timer = undefined;
    if (flushing || queue.length === 0) return;
    const jobs = queue;
    queue = [];
    flushing = true;
    let outcomes: Outcome<T>[];
    try {
      outcomes = runBatch(jobs);
      const committed = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.value] : []));
      if (afterCommit && committed.length > 0) afterCommit(committed);
    } catch (error) {
      // BEGIN or COMMIT failed, the transaction was lost, or the hook threw: nobody succeeds.
      for (const { reject } of jobs) reject(error);
      return;
    } finally {
      flushing = false;
      // Jobs queued meanwhile (by a hook, or a reentrant caller) get their own turn.
      if (queue.length > 0) timer ??= setImmediate(flush);
    }
    outcomes.forEach((outcome, i) => (outcome.ok ? jobs[i]!.resolve() : jobs[i]!.reject(outcome.error)));
  }

  return {
    run<R extends T>(job: WriteJob<R>) {
      return new Promise<R>((resolve, reject) => {
        // A job may run twice (fast attempt, then isolated); the last run is the committed one.
        let value: R;
        const attempt = (): R => (value = runSync(job));
        queue.push({ job: attempt, resolve: () => resolve(value), reject });
        if (queue.length >= maxBatch && !flushing) flush();
        else timer ??= setImmediate(flush);
      });
    },
    flush,
    get pending() {
      return queue.length;
    },
  };
}
