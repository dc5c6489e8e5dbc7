import { menuInScope } from '../../menu-scope.ts';
import type { IntentClassifier } from './intent-classifier.ts';

// "something fruity?", "有什么果茶", "any coffee?": a kind of drink from the live menu's categories,
// answered with that category's drinks (so "the first one" can order one of them).

export const ASKING = /\b(something|anything|any|what|which|recommend|do you have|got|have you)\b|有什么|有没有|有啥|有哪些|推荐|来点|想喝/;
/** Words of an English category name that say nothing of its kind ("Milk tea" is about milk tea, not "tea"). */
const PLAIN = new Set(['tea', 'teas', 'milk', 'and', 'the']);

/** The English name of the category the message names, or null. */
function categoryNamed(text: string): string | null {
  const words = text.split(/[^a-z]+/).filter(Boolean);
  for (const item of menuInScope().items) {
    const category = item.category;
    if (!category) continue;
    if (text.includes(category.zh)) return category.en;
    const stems = category.en
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((word) => word.length >= 4 && !PLAIN.has(word))
      .map((word) => word.replace(/s$/, ''));
    if (stems.some((stem) => words.some((word) => word.startsWith(stem)))) return category.en;
  }
  return null;
}

export const categoryQuestion: IntentClassifier = {
  name: 'a kind of drink',
  classify(facts) {
    if (facts.itemCount > 0 || facts.built.drinks.length > 0 || !ASKING.test(facts.normalized)) return null;
    const category = categoryNamed(facts.normalized);
    return category ? [{ type: 'category', category }] : null;
  },
  examples: [
    { say: 'something fruity?', means: [{ type: 'category', category: 'Fruit tea' }] },
    { say: '有什么果茶', means: [{ type: 'category', category: 'Fruit tea' }] },
  ],
};
