// A write job: synchronous database work run inside a transaction by a write queue (the group
// commit of write-batcher.ts, or one transaction per job on the plain path). An `async` job's
// writes after its first `await` would land outside the transaction, so a job that returns a
// Promise does not compile, and one that returns a thenable anyway (through `any`) fails inside
// the transaction, so the writes it made before returning roll back.

/** The result a job may have: anything but a Promise or other thenable. */
export type NotThenable<R> = R extends PromiseLike<unknown> ? never : R;
/** Synchronous database work with no effect outside the transaction; may run twice (write-batcher.ts). */
export type WriteJob<R> = () => R & NotThenable<R>;

/** Runs jobs in transactions; a job's promise settles after its transaction commits. */
export type WriteQueue<T> = {
  run<R extends T>(job: WriteJob<R>): Promise<R>;
};

export class AsyncJobError extends TypeError {
  constructor() {
    super('a write job returned a Promise or thenable; jobs must be synchronous, or their writes after an await escape the transaction');
    this.name = 'AsyncJobError';
  }
}

function isThenable(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof Reflect.get(value, 'then') === 'function';
}

/** Runs a job, throwing (inside the transaction, so its writes roll back) if it turned out asynchronous. */
export function runSync<T>(job: () => T): T {
  const value = job();
  if (isThenable(value)) {
    // The job already failed; keep its own rejection from also crashing the process as unhandled.
    if (value instanceof Promise) value.catch(() => {});
    throw new AsyncJobError();
  }
  return value;
}
