import { buildDrinks, type Built } from './build-drinks.ts';
import type { Keyword } from './lexicon.ts';
import type { Token } from './tokenize.ts';

// What the intent classifiers read about one message: its tokens, the keywords it carries, and
// the drinks the drink builder made of it. Computed once; every classifier is a pure function of it.

export type UtteranceFacts = {
  normalized: string;
  tokens: Token[];
  keywords: Set<Keyword>;
  /** Index of the first "改成 / change" keyword, -1 without one. */
  changeAt: number;
  hasOrdinal: boolean;
  /** "奶茶 / a drink" with no drink named. */
  hasGeneric: boolean;
  itemCount: number;
  saysHot: boolean;
  /** A number with a cup unit: "两杯", "2 cups". */
  hasCupCount: boolean;
  built: Built;
};

export function utteranceFacts(normalized: string, tokens: Token[]): UtteranceFacts {
  const facts: UtteranceFacts = {
    normalized,
    tokens,
    keywords: new Set(),
    changeAt: -1,
    hasOrdinal: false,
    hasGeneric: false,
    itemCount: 0,
    saysHot: false,
    hasCupCount: false,
    built: buildDrinks(tokens),
  };
  for (const [index, token] of tokens.entries()) {
    if (token.type === 'kw') {
      facts.keywords.add(token.keyword);
      if (token.keyword === 'change' && facts.changeAt < 0) facts.changeAt = index;
    } else if (token.type === 'ord') facts.hasOrdinal = true;
    else if (token.type === 'generic') facts.hasGeneric = true;
    else if (token.type === 'item') facts.itemCount += 1;
    else if (token.type === 'ice' && token.value === 'hot') facts.saysHot = true;
    else if (token.type === 'num' && token.unit === 'cup') facts.hasCupCount = true;
  }
  return facts;
}

/** True when some drink of the message carries a size, sugar, count or topping. */
export function namesDrinkWithOptions(facts: UtteranceFacts): boolean {
  return facts.built.drinks.some((d) => d.size || d.sugar !== undefined || d.quantity !== undefined || d.addToppings.length > 0);
}
