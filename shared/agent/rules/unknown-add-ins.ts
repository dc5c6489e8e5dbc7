import { FILLER } from './unheard-drinks.ts';
import { isChineseNumeral, matchPhrase } from './lexicon.ts';
import { tokenize } from './tokenize.ts';

// "a hot matcha latte with oat milk", "抹茶拿铁换燕麦奶": an add-in or a swap the menu does not know,
// said beside a drink it does. The drink is taken and the add-in named as one we don't have,
// never dropped without a word. Known words (toppings, options) are never reported.

/** English: the words after "with / add / sub …" up to the next clause. */
const EN_ADD_IN =
  /\b(?:with|add|plus|extra|sub|substitute|swap in|instead of)\s+([a-z][a-z' ]{1,30}?)(?=\s*(?:[,.;!?]|\band\b|\bplease\b|\bwith\b|\binstead\b|$))/g;
/** Chinese: what follows 换成 / 加 / 改用, as long as none of it is a word we know. */
const ZH_LEAD = /(?<![不别没])(?:换成|改成|改用|换|加)/g;
const ARTICLE = /^(?:a|an|some|the)\s+/;
/** What comes with any cup but is not on a menu: asked for, never "we don't have". */
const PACKAGING = /\b(?:straws?|lids?|bags?|napkins?|sleeves?|carriers?)\b|吸管|袋子|打包|杯套/;

export function findUnknownAddIns(normalized: string): string[] {
  const heard: string[] = [];
  for (const match of normalized.matchAll(EN_ADD_IN)) {
    const words = match[1]!.trim().replace(ARTICLE, '');
    if (words.split(' ').some((word) => FILLER.has(word)) || PACKAGING.test(words)) continue;
    if (tokenize(words).length === 0) heard.push(words);
  }
  for (const match of normalized.matchAll(ZH_LEAD)) {
    const after = normalized.slice(match.index + match[0].length);
    let length = 0;
    // The run of Chinese characters right after the lead up to where a known word starts.
    while (length < 6 && /[\u3400-\u9fff]/.test(after[length] ?? '') && !matchPhrase(after, length) && !isChineseNumeral(after[length]!)) length += 1;
    if (length >= 2 && !PACKAGING.test(after.slice(0, length))) heard.push(after.slice(0, length).replace(/[吧呀啊呢哦的了吗]+$/u, ''));
  }
  return heard.filter((words) => words.length >= 2);
}
