// The one table of everyday sugar and ice words, both languages (README "Offline agent:
// option words" mirrors it). Vague words map to the nearest menu level, always the same way:
// "less / a little less / not too sweet" = 70, "a little / slightly / barely sweet" = 30,
// "a little / not much ice" = less ice, "warm" = hot, "not cold" = room temperature.

export const SUGAR_WORDS: Record<number, { zh: string[]; en: string[] }> = {
  100: {
    zh: ['全糖', '正常糖', '糖正常', '甜度正常', '标准糖', '正常甜', '十分糖', '十分甜', '十成糖', '多糖', '甜一点', '甜一些', '要甜的', '全甜'],
    en: [
      'full sugar',
      'regular sugar',
      'normal sugar',
      'full sweet',
      'normal sweetness',
      'regular sweetness',
      'sweet',
      'extra sweet',
      'sweeter',
      'fully sweet',
      'hundred percent sugar',
      'a hundred percent sugar',
      'one hundred percent sugar',
    ],
  },
  70: {
    zh: [
      '七分糖',
      '七分甜',
      '七分',
      '七成糖',
      '七成甜',
      '七成',
      '少糖',
      '少甜',
      '少一点糖',
      '少点糖',
      '糖少一点',
      '糖少点',
      '糖少些',
      '少放点糖',
      '少放糖',
      '糖放少点',
      '甜度低一点',
      '不要太甜',
      '别太甜',
      '不太甜',
      '不用太甜',
      '没那么甜',
    ],
    en: [
      'less sugar',
      'less sweet',
      'not too sweet',
      'not so sweet',
      'not very sweet',
      'a bit less sweet',
      'a little less sweet',
      'a little less sugar',
      'a bit less sugar',
      'slightly less sugar',
      'seventy percent sugar',
      'seventy percent',
      'seventy percent sweet',
    ],
  },
  50: {
    zh: ['半糖', '五分糖', '五分甜', '五分', '五成糖', '五成甜', '五成', '一半糖', '一半甜', '半甜'],
    en: ['half sugar', 'half sweet', 'half-sugar', 'half sweetness', 'half the sugar', 'fifty percent sugar', 'fifty percent', 'fifty percent sweet'],
  },
  30: {
    zh: ['三分糖', '三分甜', '三分', '三成糖', '三成甜', '三成', '微糖', '微甜', '一点点糖', '一点糖', '一点点甜', '稍微甜一点', '淡一点', '糖很少', '很少糖'],
    en: [
      'light sugar',
      'little sugar',
      'a little sugar',
      'a bit of sugar',
      'just a little sugar',
      'slightly sweet',
      'barely sweet',
      'a little sweet',
      'a touch of sugar',
      'low sugar',
      'thirty percent sugar',
      'thirty percent',
      'thirty percent sweet',
    ],
  },
  0: {
    zh: ['无糖', '不加糖', '不要糖', '零糖', '去糖', '0糖', '不甜', '不要甜', '一点糖都不要', '糖不要'],
    en: [
      'no sugar',
      'sugar free',
      'sugar-free',
      'sugarless',
      'unsweetened',
      'zero sugar',
      'without sugar',
      'not sweet',
      'no sugar at all',
      'zero percent sugar',
    ],
  },
};

export const ICE_WORDS: Record<string, { zh: string[]; en: string[] }> = {
  regular: {
    zh: ['正常冰', '标准冰', '冰正常', '冰块正常', '加冰', '冰的', '要冰的', '冰一点'],
    en: ['regular ice', 'normal ice', 'with ice', 'iced', 'full ice', 'cold', 'ice cold'],
  },
  extra: {
    zh: ['多冰', '多加冰', '冰多一点', '冰多点', '多放冰'],
    en: ['extra ice', 'more ice', 'lots of ice'],
  },
  light: {
    zh: [
      '少冰',
      '少少冰',
      '微冰',
      '一点点冰',
      '一点冰',
      '少许冰',
      '冰一点点',
      '少一点冰',
      '少点冰',
      '冰少一点',
      '冰少点',
      '冰少些',
      '少放冰',
      '少放点冰',
      '冰不要太多',
      '别太冰',
      '不要太冰',
      '冰块少点',
      '冰块少一点',
    ],
    en: [
      'less ice',
      'light ice',
      'little ice',
      'very little ice',
      'a tiny bit of ice',
      'a touch of ice',
      'a little ice',
      'a bit of ice',
      'just a little ice',
      'easy ice',
      'less-ice',
      'not too much ice',
      'not much ice',
      'not too cold',
      'half ice',
      'easy on the ice',
    ],
  },
  none: {
    zh: ['去冰', '完全去冰', '不要冰', '不加冰', '无冰', '走冰', '冰去掉', '不要冰块', '一点冰都不要', '冰不要', '免冰'],
    en: ['no ice', 'without ice', 'ice free', 'ice-free', 'no-ice', 'zero ice', 'no ice at all', 'hold the ice', 'skip the ice'],
  },
  room: {
    zh: ['常温', '室温', '常温的', '不冰不热', '不要冰也不要热'],
    en: ['room temperature', 'room temp', 'room-temperature', 'not cold', 'not chilled'],
  },
  hot: {
    zh: ['热', '热的', '热饮', '加热', '热一点', '烫的'],
    en: ['hot', 'heated'],
  },
  warm: {
    zh: ['温', '温的', '温热', '暖的'],
    en: ['warm', 'warmed up', 'warm one'],
  },
};

/**
 * "How much" words, composed with the words for sugar and ice in either order, so the phrasing a
 * table would miss is heard too: "sugar half", "ice little", "no sweet", "sweetness normal".
 * The tables above win where a phrase is in both.
 */
export const SUGAR_NOUNS = ['sugar', 'sweet', 'sweetness', 'sweetener'];
export const ICE_NOUNS = ['ice', 'ices', 'ice cubes'];
export const ZH_SUGAR_NOUNS = ['糖'];
export const ZH_ICE_NOUNS = ['冰', '冰块'];
/** `zh`: how-much words with or without the verb (少放一点), composed with 糖 / 冰 in either order ("冰块少放一点", "少放点糖"). */
export const AMOUNT_WORDS: { sugar?: number; ice?: string; en: string[]; zh: string[] }[] = [
  {
    sugar: 100,
    ice: 'regular',
    en: ['normal', 'regular', 'full', 'standard', 'usual', 'default', 'the usual', 'normal amount of'],
    zh: ['正常', '正常放', '标准'],
  },
  {
    sugar: 70,
    ice: 'light',
    en: ['less', 'reduced', 'lower', 'a bit less', 'little bit less'],
    zh: ['少', '少放', '少放点', '少放一点', '少一点', '少点', '少些', '放少点', '放少一点', '少加', '少加点', '少加一点'],
  },
  { sugar: 50, en: ['half', 'half the', 'half of the', '50', 'fifty'], zh: ['半', '放一半', '一半'] },
  {
    sugar: 30,
    ice: 'light',
    en: ['little', 'a little', 'light', 'low', 'slight', 'a bit of', 'a bit', 'bit', 'some', 'few', 'a few', 'small'],
    zh: ['微', '一点点', '放一点点'],
  },
  { sugar: 0, ice: 'none', en: ['no', 'zero', 'without', 'none', 'free', 'not', 'nothing'], zh: ['不放', '别放', '不加', '不要', '无'] },
  {
    ice: 'extra',
    en: ['extra', 'more', 'lots of', 'a lot of', 'much', 'plenty of', 'heavy'],
    zh: ['多', '多放', '多放点', '多放一点', '多加', '多加点', '多一点', '多点'],
  },
];

/** Every composed phrase: "half sugar" and "sugar half" → 50; "little ice" and "ice little" → light. */
export function composedOptionPhrases(): { phrase: string; sugar?: number; ice?: string }[] {
  const phrases: { phrase: string; sugar?: number; ice?: string }[] = [];
  const compose = (words: string[], nouns: string[], join: string, value: { sugar?: number; ice?: string }) => {
    for (const word of words)
      for (const noun of nouns) phrases.push({ phrase: `${word}${join}${noun}`, ...value }, { phrase: `${noun}${join}${word}`, ...value });
  };
  for (const amount of AMOUNT_WORDS) {
    if (amount.sugar !== undefined) {
      compose(amount.en, SUGAR_NOUNS, ' ', { sugar: amount.sugar });
      compose(amount.zh, ZH_SUGAR_NOUNS, '', { sugar: amount.sugar });
    }
    if (amount.ice !== undefined) {
      compose(amount.en, ICE_NOUNS, ' ', { ice: amount.ice });
      compose(amount.zh, ZH_ICE_NOUNS, '', { ice: amount.ice });
    }
  }
  return phrases;
}

/** A shop without the level a word names gets the nearest one it has (the old one-table meaning). */
export const ICE_FALLBACK: Record<string, string> = { extra: 'regular', warm: 'hot' };

/** Size words, keyed by the common size ids; a shop without that size hears "we don't have it". */
export const SIZE_WORDS: Record<string, string[]> = {
  M: ['中杯', '中号', '中的', '中份', 'medium', 'med', 'm', 'regular size', 'medium size', 'middle size', 'middle'],
  L: ['大杯', '大号', '大的', '大份', 'large', 'l', 'big', 'large size'],
  S: ['小杯', '小号', '小的', 'small', 'small size', 'tall', 's'],
  XL: ['超大杯', '特大杯', '超大', '特大', 'extra large', 'extra-large', 'xl', 'venti', 'jumbo'],
};
