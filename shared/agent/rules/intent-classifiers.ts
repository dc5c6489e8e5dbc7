import { greet, sayNo, sayYes, showCart, thank } from './classifiers/bare-words.ts';
import { categoryQuestion } from './classifiers/category-question.ts';
import { clearOrder } from './classifiers/clear-order.ts';
import type { IntentClassifier } from './classifiers/intent-classifier.ts';
import { orderStatus } from './classifiers/order-status.ts';
import { toppingQuestion } from './classifiers/topping-question.ts';
import { orderAndEdits } from './classifiers/order-and-edits.ts';
import { optionQuestion } from './classifiers/option-question.ts';
import {
  askItem,
  describeItem,
  hotQuestion,
  menuQuestion,
  optionChoices,
  priceQuestion,
  priceRank,
  recommendation,
  toppingsQuestion,
} from './classifiers/questions.ts';

/**
 * The parser's rules, most specific first: the first that applies decides what the message
 * means. A question is matched before the order words it contains, so it never changes the order.
 */
export const INTENT_CLASSIFIERS: readonly IntentClassifier[] = [
  orderStatus,
  clearOrder,
  toppingsQuestion,
  priceRank,
  priceQuestion,
  hotQuestion,
  categoryQuestion,
  toppingQuestion,
  recommendation,
  optionChoices,
  menuQuestion,
  describeItem,
  askItem,
  optionQuestion,
  orderAndEdits,
  showCart,
  sayNo,
  sayYes,
  greet,
  thank,
];
