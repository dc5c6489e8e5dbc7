import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../testing/test-catalog.ts';
import { buildMenuResponse } from '../../menu/menu-response.ts';
import { askAboutSoldOutLines, mentionsAny, suggestAlternatives, suggestInstead } from './sold-out.ts';

const soldOut = (...ids: string[]) => buildMenuResponse(defaultCatalog(ids));

describe('sold-out sentences', () => {
  it('suggests available drinks closest in price, never a sold-out one', () => {
    const menu = soldOut('taro-milk-tea', 'brown-sugar-pearl-milk');
    const suggestions = suggestAlternatives(menu, ['taro-milk-tea']);
    expect(suggestions).toEqual(['matcha-latte', 'pearl-milk-tea']);
    expect(suggestInstead(menu, ['taro-milk-tea'], 'zh')).toBe('可以试试抹茶拿铁或珍珠奶茶。');
    expect(suggestInstead(menu, ['taro-milk-tea'], 'en')).toBe('How about Matcha Latte or Pearl Milk Tea?');
  });

  it('names each sold-out line by position when the cart has several, with the choice', () => {
    const menu = soldOut('taro-milk-tea', 'matcha-latte');
    const lines = [
      { index: 0, itemId: 'taro-milk-tea' },
      { index: 2, itemId: 'matcha-latte' },
    ];
    expect(askAboutSoldOutLines(menu, lines, 3, 'zh')).toBe(
      '抱歉，您点的第1杯芋泥奶茶、第3杯抹茶拿铁刚刚卖完了。要删掉它们，还是换成别的饮品，比如黑糖珍珠鲜奶或珍珠奶茶？结账要等这几杯处理好。',
    );
    expect(askAboutSoldOutLines(menu, [lines[0]!], 1, 'en')).toBe(
      'Sorry, the Taro Milk Tea just sold out. Shall I remove it, or replace it with another drink, such as Brown Sugar Pearl Milk or Pearl Milk Tea? Checkout waits until it is sorted.',
    );
  });

  it('knows when a reply already talks about a drink', () => {
    const menu = soldOut('taro-milk-tea');
    expect(mentionsAny('Sorry, the taro milk tea is gone.', menu, ['taro-milk-tea'], 'en')).toBe(true);
    expect(mentionsAny('您好！', menu, ['taro-milk-tea'], 'zh')).toBe(false);
  });
});
