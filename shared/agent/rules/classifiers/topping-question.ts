import type { IntentClassifier } from './intent-classifier.ts';
import { ASKING } from './category-question.ts';

// "do you have anything with cheese foam?", "有没有带芋圆的": a question about toppings with no drink
// named, answered with the drinks made with them (which the next message can pick). "do you have
// pudding?" alone asks whether the topping is there; mid-order it goes on the drink.

/** Looking for drinks that have it, not only for the topping. */
const SEARCHING = /\b(anything|something|drinks?|ones?|which|what)\b.*\bwith\b|带|有什么|有哪些|哪些|哪款|含/;

export const toppingQuestion: IntentClassifier = {
  name: 'drinks with a topping',
  classify(facts) {
    if (facts.itemCount > 0 || facts.keywords.has('add') || !ASKING.test(facts.normalized)) return null;
    const toppingIds = [...new Set(facts.tokens.flatMap((token) => (token.type === 'topping' ? [token.id] : [])))];
    return toppingIds.length ? [{ type: 'with_topping', toppingIds, search: SEARCHING.test(facts.normalized) }] : null;
  },
  examples: [
    { say: 'do you have anything with cheese foam', means: [{ type: 'with_topping', search: true }] },
    { say: '有没有带芋圆的', means: [{ type: 'with_topping', search: true }] },
    { say: 'do you have pudding?', means: [{ type: 'with_topping', search: false }] },
  ],
};
