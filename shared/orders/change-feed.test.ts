import { describe, expect, it, vi } from 'vitest';
import { createChangeFeed, PRUNE_EVERY_WRITES } from './change-feed.ts';

describe('change feed', () => {
  it('prunes once every PRUNE_EVERY_WRITES committed writes, counting batches by their size', () => {
    const prune = vi.fn();
    const feed = createChangeFeed({ prune });
    feed.changed(true, PRUNE_EVERY_WRITES - 2);
    feed.changed(false);
    expect(prune).not.toHaveBeenCalled();
    feed.changed(false);
    expect(prune).toHaveBeenCalledTimes(1);
    feed.changed(true, PRUNE_EVERY_WRITES - 1);
    expect(prune).toHaveBeenCalledTimes(1);
    feed.changed(true, 3);
    expect(prune).toHaveBeenCalledTimes(2);
  });

  it('cues a snapshot on every write and the queue listeners only when the queue changed', () => {
    const onWrite = vi.fn();
    const feed = createChangeFeed({ onWrite, prune: () => {} });
    const listener = vi.fn();
    const unsubscribe = feed.onQueueChange(listener);
    feed.changed(false);
    expect([onWrite.mock.calls.length, listener.mock.calls.length]).toEqual([1, 0]);
    feed.changed(true, 4);
    expect([onWrite.mock.calls.length, listener.mock.calls.length]).toEqual([2, 1]);
    unsubscribe();
    feed.changed(true);
    expect([onWrite.mock.calls.length, listener.mock.calls.length]).toEqual([3, 1]);
  });
});
