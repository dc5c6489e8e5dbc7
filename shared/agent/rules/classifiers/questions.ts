import type { Keyword } from '../lexicon.ts';
import { namesDrinkWithOptions } from '../utterance-facts.ts';
import type { IntentClassifier } from './intent-classifier.ts';

// Questions about the menu that never change the order: toppings, prices, hot or cold, what to
// get, the menu, whether a drink is sold.

const TOPPINGS_QUESTION_RE =
  /(有|有哪些|有什么|有啥|都有啥|都有什么|能加什么|可以加什么|加什么).{0,4}(小料|配料|加料)|(小料|配料|加料).{0,4}(有|有哪些|有什么|有啥|都有)|what toppings|which toppings|toppings (do you|are there|have you)|any toppings|what (can|could) i add|what add-?ons/;
const COLD_ONLY_RE = /\bcold only\b|\bonly (cold|iced)\b|只(能)?做冷|只有冷|只有冰的|是冷饮吗/;
const HOT_QUESTION_RE =
  /(能|可以|能不能|可不可以|有没有|有)(做|要|做成|换成|来|是)?(热|温)(的|饮)?(吗|么|嘛|不|\?|$)|(热|温)的?(可以|行|有|能做|能)(吗|么|嘛|\?)|能做热|(^|\b)(can|could)\b.*\b(be|come|get|have|make)\b.*\b(hot|warm)\b|\b(is|does|do)\b.*\b(hot|warm)\b.*\?|\b(served|come|comes|available) (hot|warm)\b/;
const ICED_QUESTION_RE =
  /(能|可以|能不能|可不可以|有没有)(做|要|做成|换成|来|是)?(冰的|冷的|冷饮|加冰|冰)(的|饮)?(吗|么|嘛|不|\?|$)|(^|\b)(can|could)\b.*\b(be|come|get|have|make)\b.*\b(iced|cold|with ice)\b|\b(is|does|do)\b.*\b(iced|cold)\b.*\?/;
const ASK_ITEM_RE = /有没有|有.{0,12}(吗|么|嘛|\?)|\b(do you|d'you) (have|sell|serve|make)\b|\bis there\b|\bare there\b/;

export const toppingsQuestion: IntentClassifier = {
  name: 'which toppings',
  classify: (facts) => (TOPPINGS_QUESTION_RE.test(facts.normalized) && facts.itemCount === 0 ? [{ type: 'toppings' }] : null),
  examples: [
    { say: '有什么小料', means: [{ type: 'toppings' }] },
    { say: 'what toppings do you have?', means: [{ type: 'toppings' }] },
  ],
};

const CLOSING: Keyword[] = ['checkout', 'place', 'yes', 'no'];

export const priceQuestion: IntentClassifier = {
  name: 'how much',
  classify({ keywords, built }) {
    // "what's my total?", "total?": the total alone asks for it; "that's all in total" closes the order.
    const totalAlone = keywords.has('total') && built.drinks.length === 0 && !CLOSING.some((k) => keywords.has(k));
    if (!keywords.has('price') && !totalAlone) return null;
    const drink = built.drinks[0] ?? null;
    return [{ type: 'price', drink: drink ?? (keywords.has('total') || built.loose.itemId === undefined ? null : built.loose) }];
  },
  examples: [
    { say: '一共多少钱', means: [{ type: 'price', drink: null }] },
    { say: "what's my total?", means: [{ type: 'price', drink: null }] },
    {
      say: 'how much is a large oolong milk tea',
      means: [{ type: 'price', drink: { size: 'L', quantity: 1, addToppings: [], removeToppings: [], noToppings: false } }],
    },
  ],
};

export const priceRank: IntentClassifier = {
  name: 'cheapest or dearest',
  classify({ keywords, built }) {
    // "is the taro cheaper than …" names drinks: a price question about them, not a ranking.
    if (built.drinks.length > 0 || built.loose.itemId !== undefined) return null;
    if (keywords.has('cheapest')) return [{ type: 'price_rank', rank: 'cheapest' }];
    return keywords.has('dearest') ? [{ type: 'price_rank', rank: 'dearest' }] : null;
  },
  examples: [
    { say: '最便宜的是哪个', means: [{ type: 'price_rank', rank: 'cheapest' }] },
    { say: "what's the cheapest thing you have", means: [{ type: 'price_rank', rank: 'cheapest' }] },
    { say: '你们最贵的饮品是什么', means: [{ type: 'price_rank', rank: 'dearest' }] },
  ],
};

export const hotQuestion: IntentClassifier = {
  name: 'hot or cold',
  classify(facts) {
    const iced = ICED_QUESTION_RE.test(facts.normalized);
    const asks = (facts.saysHot && HOT_QUESTION_RE.test(facts.normalized)) || COLD_ONLY_RE.test(facts.normalized) || iced;
    if (!asks || namesDrinkWithOptions(facts) || facts.keywords.has('recommend')) return null;
    return [{ type: 'hot_question', itemId: facts.built.drinks[0]?.itemId ?? facts.built.itemSwap ?? null, ...(iced && !facts.saysHot ? { iced: true } : {}) }];
  },
  examples: [
    { say: '杨枝甘露能做热的吗', means: [{ type: 'hot_question' }] },
    { say: 'can the matcha latte be hot?', means: [{ type: 'hot_question' }] },
    { say: '抹茶拿铁能做冰的吗', means: [{ type: 'hot_question', iced: true }] },
  ],
};

export const recommendation: IntentClassifier = {
  name: 'what do you recommend',
  classify: (facts) => (facts.keywords.has('recommend') ? [{ type: 'recommend', hot: facts.saysHot }] : null),
  examples: [
    { say: '有什么推荐', means: [{ type: 'recommend', hot: false }] },
    { say: 'anything popular that is hot?', means: [{ type: 'recommend', hot: true }] },
  ],
};

export const menuQuestion: IntentClassifier = {
  name: 'the menu',
  classify: (facts) => (facts.keywords.has('menu') && facts.built.drinks.length === 0 ? [{ type: 'menu' }] : null),
  examples: [
    { say: '看看菜单', means: [{ type: 'menu' }] },
    { say: 'what do you have', means: [{ type: 'menu' }] },
  ],
};

/** A question about the drink itself; the "what's X" and Chinese forms only as the whole message or its end. */
const DESCRIBE_RE =
  /\bwhat'?s in\b|\bwhat is in\b|\b(made of|made with|taste like|tastes like)\b|\btell me (more )?about\b|\bdescribe\b|^(?:so |um |uh |and )?what (?:kind of drink )?is (?:a |an |the )?[a-z ]+\?*$|^(?:so |um |uh |and )?what'?s (?:a |an |the )?[a-z ]+\?*$|(里面?有什么|是什么|是啥|是什么做的|什么味道|好喝吗|怎么样)[?吗呀啊呢]*$/;
/** Said with an order ("我要一杯珍珠奶茶，好喝吗", "I'll get a taro, what's the wait"): the order wins. */
const ORDERING_RE = /来|要|点|给我|\b(i'll|i will|i'd like|i want|can i (get|have)|gimme|give me|let me get)\b/;

export const describeItem: IntentClassifier = {
  name: 'what is this drink',
  classify({ built, itemCount, normalized }) {
    if (itemCount !== 1 || !DESCRIBE_RE.test(normalized) || ORDERING_RE.test(normalized)) return null;
    // "what is a matcha latte" (a count of one, nothing else) or "what's in the taro one" (a reference).
    const [drink] = built.drinks;
    const plain =
      drink &&
      drink.size === undefined &&
      drink.sugar === undefined &&
      drink.ice === undefined &&
      drink.addToppings.length === 0 &&
      (drink.quantity ?? 1) === 1;
    const itemId = built.drinks.length ? (plain ? drink.itemId : undefined) : built.refItems[0]?.itemId;
    return itemId ? [{ type: 'describe_item', itemId }] : null;
  },
  examples: [
    { say: 'what is in the taro milk tea', means: [{ type: 'describe_item' }] },
    { say: '杨枝甘露是什么', means: [{ type: 'describe_item' }] },
    { say: 'tell me about the cheese foam oolong', means: [{ type: 'describe_item' }] },
  ],
};

export const askItem: IntentClassifier = {
  name: 'do you have',
  classify(facts) {
    const { built, keywords } = facts;
    if (built.drinks.length === 0 || namesDrinkWithOptions(facts) || !(keywords.has('question') || keywords.has('have'))) return null;
    return ASK_ITEM_RE.test(facts.normalized) ? [{ type: 'ask_item', itemIds: built.drinks.map((d) => d.itemId!) }] : null;
  },
  examples: [
    { say: '有抹茶拿铁吗', means: [{ type: 'ask_item' }] },
    { say: 'do you have taro milk tea', means: [{ type: 'ask_item' }] },
  ],
};

const OPTION_LIST_RE =
  /\bwhat (sizes?|sugar( levels?)?|sweetness( levels?)?|ice( levels?)?)\b|\bwhich (sizes?|sugar|ice)\b|\bhow (big|sweet)\b|\b(sizes?|sugar levels?|ice levels?) (do you have|are there)\b|(有|有哪些|有什么|有几种|哪几种|什么|哪些)(杯型|尺寸|大小|甜度|冰量)|(杯型|尺寸|大小|甜度|冰量)(有|是|都有)?(哪些|什么|几种|哪几种|啥)|有多大/;

export const optionChoices: IntentClassifier = {
  name: 'which sizes or levels',
  classify(facts) {
    const match = OPTION_LIST_RE.exec(facts.normalized);
    if (!match) return null;
    const word = match[0];
    const field = /size|big|杯型|尺寸|大小|多大/.test(word) ? 'size' : /sugar|sweet|甜/.test(word) ? 'sugar' : 'ice';
    return [{ type: 'list_options', field }];
  },
  examples: [
    { say: 'what sizes do you have?', means: [{ type: 'list_options', field: 'size' }] },
    { say: '甜度有哪些', means: [{ type: 'list_options', field: 'sugar' }] },
    { say: 'what ice levels are there', means: [{ type: 'list_options', field: 'ice' }] },
  ],
};
