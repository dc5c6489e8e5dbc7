import type { IntentClassifier } from './intent-classifier.ts';

// Messages of one meaning word and nothing to order: the cart, no, yes, hello, thanks.

const byKeyword = (
  name: string,
  test: (keywords: Set<string>) => boolean,
  type: 'cart' | 'no' | 'yes' | 'greet' | 'thanks',
  examples: string[],
): IntentClassifier => ({
  name,
  classify: (facts) => (test(facts.keywords) ? [{ type }] : null),
  examples: examples.map((say) => ({ say, means: [{ type }] })),
});

export const showCart = byKeyword('what is in my order', (k) => k.has('cart'), 'cart', ['我点了什么', 'what did i order']);
export const sayNo = byKeyword('no', (k) => k.has('no') || k.has('neg') || k.has('correction'), 'no', ['不对', 'nope']);
export const sayYes = byKeyword('yes', (k) => k.has('yes'), 'yes', ['好的', 'yes please']);
export const greet = byKeyword('hello', (k) => k.has('greet'), 'greet', ['你好', 'hello']);
export const thank = byKeyword('thanks', (k) => k.has('thanks'), 'thanks', ['谢谢', 'thank you']);
