import type { IntentClassifier } from './intent-classifier.ts';

// "is that with ice?", "是少冰吗？", "does it have pearls?": a question about what was ordered.
// Answered from the order, never applied to it (a request is "can I have it with less ice?").

const ASKS_EN = /^(so |and |wait |um |uh )?(is|are|was|were|does|do|did)\s+(that|it|this|they|those|these|the|my|mine|everything|both|all)\b/;
const ASKS_ZH = /(是不是|有没有|是.{0,12}(吗|么|嘛)|(吗|么|嘛)[?？]?$)/;
/** Words that make a question a request: "能少冰吗", "可以换大杯吗", "can I…", "could you make it…". */
const REQUEST = /能|可以|可不可以|要|来|给我|帮我|换|改|想|\b(can|could|may|would|will|please|want|like|make|get|have it)\b/;
const OPTION_TYPES = new Set(['size', 'sugar', 'pct', 'ice', 'topping', 'no_toppings']);

export const optionQuestion: IntentClassifier = {
  name: 'a question about the order',
  classify(facts) {
    const { normalized, tokens, built } = facts;
    const english = ASKS_EN.test(normalized);
    const chinese = !english && ASKS_ZH.test(normalized) && !REQUEST.test(normalized.replace(/是不是|有没有/g, ''));
    if (!(english || chinese) || (english && /\b(can|could|may|would|will)\b/.test(normalized))) return null;
    if (!tokens.some((token) => OPTION_TYPES.has(token.type)) || built.drinks.length > 1 || facts.changeAt >= 0) return null;
    const itemId = built.drinks[0]?.itemId ?? built.refItems[0]?.itemId ?? built.itemSwap;
    const { addToppings, removeToppings, noToppings, size, sugar, ice, badSize, badSugar } = built.drinks[0] ?? built.loose;
    return [
      {
        type: 'ask_option',
        ...(itemId ? { itemId } : {}),
        asked: {
          addToppings,
          removeToppings,
          noToppings,
          ...(size ? { size } : {}),
          ...(sugar !== undefined ? { sugar } : {}),
          ...(ice ? { ice } : {}),
          ...(badSize ? { badSize } : {}),
          ...(badSugar !== undefined ? { badSugar } : {}),
        },
      },
    ];
  },
  examples: [
    { say: 'is that with ice?', means: [{ type: 'ask_option', asked: { ice: 'regular' } }] },
    { say: '是少冰吗？', means: [{ type: 'ask_option', asked: { ice: 'light' } }] },
    { say: 'does it have pearls?', means: [{ type: 'ask_option', asked: {} }] },
    { say: '乌龙奶茶是大杯的吗', means: [{ type: 'ask_option', asked: { size: 'L' } }] },
  ],
};
