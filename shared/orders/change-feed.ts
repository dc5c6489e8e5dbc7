/** How many committed writes between two prunings of stale rows. */
export const PRUNE_EVERY_WRITES = 500;

export type ChangeFeedDeps = {
  /** Called after every committed write (the snapshotter's cue). */
  onWrite?: () => void;
  /** Deletes what has gone stale (idempotency keys, idle sessions, orphan aliases). */
  prune: () => void;
};

export type ChangeFeed = {
  /** After a committed write: the snapshot cue, the queue listeners if the queue changed, pruning now and then. */
  changed(queueChanged: boolean, writes?: number): void;
  /** Subscribe to queue changes (GET /queue/ws). Returns the unsubscribe function. */
  onQueueChange(listener: () => void): () => void;
};

/** What every write of the order service reports to: snapshots, queue watchers and pruning. */
export function createChangeFeed({ onWrite, prune }: ChangeFeedDeps): ChangeFeed {
  const listeners = new Set<() => void>();
  let writesSincePrune = 0;
  return {
    changed(queueChanged, writes = 1) {
      onWrite?.();
      if (queueChanged) for (const listener of listeners) listener();
      writesSincePrune += writes;
      if (writesSincePrune >= PRUNE_EVERY_WRITES) {
        writesSincePrune = 0;
        prune();
      }
    },
    onQueueChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
