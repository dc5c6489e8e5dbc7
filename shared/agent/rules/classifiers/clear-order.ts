import type { IntentClassifier } from './intent-classifier.ts';

// "清空", "start over": the whole order goes; drinks named in the same breath replace it.

export const clearOrder: IntentClassifier = {
  name: 'clear the order',
  classify({ keywords, built }) {
    if (!keywords.has('clear')) return null;
    const replacement = built.drinks.filter((drink) => drink.itemId);
    return [{ type: 'clear' }, ...(replacement.length ? [{ type: 'order' as const, drinks: replacement }] : [])];
  },
  examples: [
    { say: '清空购物车', means: [{ type: 'clear' }] },
    { say: 'start over', means: [{ type: 'clear' }] },
  ],
};
