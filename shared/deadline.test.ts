import { describe, expect, it } from 'vitest';
import { withDeadline } from './deadline.ts';

describe('withDeadline', () => {
  it('aborts with a TimeoutError after the deadline', async () => {
    const { signal } = withDeadline(20);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).name).toBe('TimeoutError');
  });

  it('follows the parent and stops its timer on dispose', async () => {
    const parent = new AbortController();
    const linked = withDeadline(1000, parent.signal);
    parent.abort(new Error('client gone'));
    expect(linked.signal.aborted).toBe(true);
    const disposed = withDeadline(20, new AbortController().signal);
    disposed.dispose();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(disposed.signal.aborted).toBe(false);
  });
});
