import type { PublicQueue } from './queue-view.ts';

/** Starts watching for queue changes; `changed` gets the new queue when the source sends it, else nothing (load it). */
export type QueueWatch = (changed: (queue?: PublicQueue) => void) => () => void;

export type QueueFeed = {
  load(signal?: AbortSignal): Promise<PublicQueue>;
  /** `listener` gets every new queue; one upstream watch is shared by all subscribers. */
  subscribe(listener: (queue: PublicQueue) => void): () => void;
};

/** A burst of changes (a batch of orders) becomes one push, as on the order service's own socket. */
const COALESCE_MS = 50;

export function createQueueFeed({
  load,
  watch,
  onError,
}: {
  load: (signal?: AbortSignal) => Promise<PublicQueue>;
  watch: QueueWatch;
  onError: (error: unknown) => void;
}): QueueFeed {
  const listeners = new Set<(queue: PublicQueue) => void>();
  let stopWatch: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let pending: PublicQueue | undefined;

  const publish = (queue: PublicQueue) => {
    for (const listener of listeners) listener(queue);
  };
  const changed = (queue?: PublicQueue) => {
    if (queue) pending = queue;
    timer ??= setTimeout(() => {
      timer = undefined;
      const ready = pending;
      pending = undefined;
      if (ready) publish(ready);
      else load().then(publish, onError);
    }, COALESCE_MS);
  };

  return {
    load,
    subscribe(listener) {
      listeners.add(listener);
      stopWatch ??= watch(changed);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stopWatch?.();
          stopWatch = undefined;
          clearTimeout(timer);
          timer = undefined;
          pending = undefined;
        }
      };
    },
  };
}
