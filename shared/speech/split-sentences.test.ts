import { describe, expect, it } from 'vitest';
import { splitSentences } from './split-sentences.ts';

describe('splitSentences', () => {
  it('keeps text that fits in one piece', () => {
    expect(splitSentences('  你好。欢迎光临！ ', 100)).toEqual(['你好。欢迎光临！']);
    expect(splitSentences('   ', 10)).toEqual([]);
  });

  it('splits Chinese after sentence punctuation, keeping closing quotes with their sentence', () => {
    const text = '您的订单已经下好了。取餐码是八八六。他说：“好的。”请稍等！';
    const pieces = splitSentences(text, 12);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect([...piece].length).toBeLessThanOrEqual(12);
    expect(pieces).toContain('他说：“好的。”请稍等！');
  });

  it('splits English after sentence ends and packs short sentences together', () => {
    const text = 'One large pearl milk tea. Half sugar, less ice. Anything else? That will be 18 yuan.';
    const pieces = splitSentences(text, 50);
    expect(pieces).toEqual(['One large pearl milk tea. Half sugar, less ice.', 'Anything else? That will be 18 yuan.']);
  });

  it('falls back to clause marks, then to word boundaries, never exceeding the cap', () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu, nu xi omicron pi';
    const pieces = splitSentences(text, 20);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(20);
    expect(pieces.join(' ').replace(/\s+/g, ' ')).toBe(text);
    expect(splitSentences('一'.repeat(25), 10)).toEqual(['一'.repeat(10), '一'.repeat(10), '一'.repeat(5)]);
  });
});
