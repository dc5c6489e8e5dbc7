import { describe, expect, it } from 'vitest';
import { rewriteSpokenCounts } from './spoken-counts.ts';

describe('spoken counts', () => {
  it.each([
    ['we are three, one each of the oolong milk tea', '3 cups of the oolong milk tea'],
    ['one each for the three of us, lemon tea', '3 cups, lemon tea'],
    ['我们四个人，一人一杯柠檬红茶', '4杯柠檬红茶'],
    ['一人一杯乌龙奶茶，我们三个人', '3杯乌龙奶茶，'],
    ['one oolong milk tea for me and one for my friend, large', '2 oolong milk tea, large'],
    ['a lemon tea for me, one for my wife and one for my son', '3 lemon tea,'],
    ['我一杯，我朋友一杯，都要大杯乌龙奶茶', '2杯，都要大杯乌龙奶茶'],
  ])('%s', (said, meant) => {
    expect(rewriteSpokenCounts(said)).toBe(meant);
  });

  it.each(['we are three', 'a large oolong milk tea for me', '三个人', 'one for here'])('leaves "%s" alone', (said) => {
    expect(rewriteSpokenCounts(said)).toBe(said);
  });
});
