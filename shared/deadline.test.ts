import { afterEach, describe, expect, it, vi } from 'vitest';
import { withDeadline } from './deadline.ts';

describe('withDeadline', () => {
  afterEach(() => vi.useRealTimers());

  it('aborts with a TimeoutError at the deadline, not before', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { signal } = withDeadline(20);
    vi.advanceTimersByTime(19);
    expect(signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).name).toBe('TimeoutError');
  });

  it('follows the parent and stops its timer on dispose', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const parent = new AbortController();
    const linked = withDeadline(1000, parent.signal);
    parent.abort(new Error('client gone'));
    expect(linked.signal.aborted).toBe(true);
    const disposed = withDeadline(20, new AbortController().signal);
    disposed.dispose();
    expect(vi.getTimerCount()).toBe(1); // only the linked one's
    vi.advanceTimersByTime(40);
    expect(disposed.signal.aborted).toBe(false);
  });
});
