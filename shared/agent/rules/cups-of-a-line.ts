import { isKw } from './drink-spec.ts';
import type { Token } from './tokenize.ts';

// Counts that are about cups already ordered rather than new ones: "two of them" / "其中两杯" (some
// of a line's cups get a change), "少一杯" / "one less" / "remove one" (cups taken off a line).

const COUNT_TYPES = new Set(['num', 'bad_num']);
const isCount = (token: Token | undefined): token is Extract<Token, { type: 'num' }> => token?.type === 'num';

/** "one of them", "two of them", "其中两杯": how many of a line's cups are meant, and the count token's index (-1 for "one of them"). */
export function cupsOfTheLine(tokens: Token[]): { count: number; at: number } | null {
  if (tokens.some((token) => isKw(token, 'only'))) return null; // "only two of them": the line's new count
  for (const [index, token] of tokens.entries()) {
    if (isKw(token, 'oneof')) return { count: 1, at: -1 };
    if (!isKw(token, 'ofthem')) continue;
    const before = tokens[index - 1];
    const after = tokens[index + 1];
    if (isCount(before)) return { count: before.value, at: index - 1 };
    if (isCount(after)) return { count: after.value, at: index + 1 };
  }
  return null;
}

/**
 * "少一杯", "减两杯", "one less": the cups a "fewer" word takes away, or null. Cups follow it
 * ("少一杯"), or a count comes before it ("one less"); "少放一点" is an amount, not a cup.
 */
export function cupsFewer(tokens: Token[]): number | null {
  for (const [index, token] of tokens.entries()) {
    if (!isKw(token, 'fewer')) continue;
    const after = tokens[index + 1];
    const before = tokens[index - 1];
    if (isCount(after) && after.unit === 'cup') return after.value;
    if (isCount(before)) return before.value;
  }
  return null;
}

/** "remove the lemon tea and add an oolong": the index of the word that starts the drinks added, or -1. */
export function addAfterRemoval(tokens: Token[]): number {
  const remove = tokens.findIndex((token) => isKw(token, 'remove') || isKw(token, 'cancel'));
  const item = tokens.findIndex((token, index) => index > remove && token.type === 'item');
  if (remove < 0 || item < 0 || tokens.slice(0, remove).some((token) => token.type === 'item')) return -1;
  return tokens.findIndex((token, index) => index > item && (isKw(token, 'more') || isKw(token, 'add')));
}

/** The tokens with the count at `at` made neutral, so a change does not read it as a new quantity. */
export function withoutCount(tokens: Token[], at: number): Token[] {
  if (at < 0 || !COUNT_TYPES.has(tokens[at]?.type ?? '')) return tokens;
  return tokens.map((token, index) => (index === at ? { type: 'kw', keyword: 'ofthem' } : token));
}
