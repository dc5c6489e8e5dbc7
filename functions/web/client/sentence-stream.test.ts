import { describe, expect, it } from 'vitest';
import { createSentenceStream } from './sentence-stream.ts';

describe('sentence stream', () => {
  it('yields each sentence once it ends, across deltas, in zh and en', () => {
    const stream = createSentenceStream();
    expect(stream.push('好的，一杯珍珠')).toEqual([]);
    expect(stream.push('奶茶。请问要什么')).toEqual(['好的，一杯珍珠奶茶。']);
    expect(stream.push('甜度？Total ¥18.50 now. ')).toEqual(['请问要什么甜度？', 'Total ¥18.50 now.']);
    expect(stream.push('Anything else')).toEqual([]);
    expect(stream.flush()).toEqual(['Anything else']);
    expect(stream.flush()).toEqual([]);
  });

  it('forgets the tail on reset (a reset frame restarts the reply)', () => {
    const stream = createSentenceStream();
    stream.push('half a sent');
    stream.reset();
    expect(stream.push('Fresh start! ')).toEqual(['Fresh start!']);
  });
});
