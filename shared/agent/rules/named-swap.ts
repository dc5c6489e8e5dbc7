import { isKw, OPTION_TYPES } from './drink-spec.ts';
import type { Token } from './tokenize.ts';

// "I meant the matcha latte, not the taro", "不是芋泥，是抹茶拿铁", "我要的是抹茶拿铁不是芋泥": one drink
// named as wrong and another as right, nothing else said. The wrong one's line becomes the right
// drink, its size, sugar and ice kept.

type ItemToken = Extract<Token, { type: 'item' }>;

/** The drink named as wrong and the one named instead, or null when the message is not such a swap. */
export function namedSwap(tokens: Token[]): { from: ItemToken; to: ItemToken } | null {
  if (tokens.some((token) => OPTION_TYPES.has(token.type))) return null;
  const items = tokens.flatMap((token, index) => (token.type === 'item' ? [{ token, before: tokens[index - 1] }] : []));
  if (items.length !== 2 || items[0]!.token.id === items[1]!.token.id) return null;
  const said = (before: Token | undefined, keyword: 'neg' | 'correction' | 'yes') => before !== undefined && isKw(before, keyword);
  const wrong =
    items.find(({ before }) => said(before, 'neg')) ??
    // "不是Y，是X": the one after 不是, when the other follows 是.
    items.find(({ before }, index) => said(before, 'correction') && said(items[1 - index]!.before, 'yes'));
  if (!wrong) return null;
  const right = items.find((item) => item !== wrong)!;
  return { from: wrong.token, to: right.token };
}
