import { describe, expect, it } from 'vitest';
import { formatYuan, priceTag, yuanNumber } from './money.ts';

describe('money as text', () => {
  it('has the three shapes the code uses, with and without cents', () => {
    expect([formatYuan(1800), formatYuan(1850), formatYuan(5), formatYuan(0)]).toEqual(['¥18.00', '¥18.50', '¥0.05', '¥0.00']);
    expect([formatYuan(1800, { cents: 'if-any' }), formatYuan(1850, { cents: 'if-any' }), formatYuan(1805, { cents: 'if-any' })]).toEqual([
      '¥18',
      '¥18.50',
      '¥18.05',
    ]);
    expect([formatYuan(1800, { symbol: false }), formatYuan(1800, { symbol: false, cents: 'if-any' }), formatYuan(123456, { symbol: false })]).toEqual([
      '18.00',
      '18',
      '1234.56',
    ]);
  });

  it('tags prices for people without zero cents', () => {
    expect([priceTag(1800), priceTag(1850), priceTag(9)]).toEqual(['¥18', '¥18.50', '¥0.09']);
  });

  it('gives yuan as a number for JSON', () => {
    expect([yuanNumber(1850), yuanNumber(1800), yuanNumber(0)]).toEqual([18.5, 18, 0]);
  });
});
