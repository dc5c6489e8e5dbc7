import { parseChineseNumeral } from './lexicon.ts';

// Counts said the way people say them, rewritten as a plain count before the words are read:
// "one each for the three of us" → 3 cups, "一人一杯，我们四个人" → 4杯, "one for me and one for
// my friend" → 2 cups. A party size with no "each" is not a count and is left alone.

const EN_NUMBER: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const EN_N = '(two|three|four|five|six|seven|eight|nine|ten|\\d{1,2})';
const PARTY_EN = new RegExp(
  `\\b(?:for |between )?(?:the |all )?${EN_N} of us\\b|\\bwe(?:'re| are) ${EN_N}(?: people)?\\b|\\bthere(?:'s| are| is) ${EN_N} of us\\b|\\b(?:for )?${EN_N} people\\b`,
);
const EACH_EN =
  /\b(?:one|a cup|a drink|1) (?:each|apiece|per person|for each of us|for everyone|for every one of us)\b|\beach (?:of us )?(?:gets? |wants? |would like |will have )?(?:one|a cup)\b/;
const PARTY_ZH = /(?:我们|咱们|我们一共|一共)?([两二三四五六七八九十\d]{1,3})(?:个人|位|口人)/;
const EACH_ZH = /(?:每人|每个人|一人|每位|大家各|各)(?:来|要|都要)?(?:一杯|一份|1杯)/;
/** "for me", "for my friend", "for him": the one a cup is for. */
const FOR_PERSON = 'for (?:me|myself|him|her|them|you|my (?:\\w+ )?\\w+|the (?:\\w+ )?(?:kid|kids|boss|lady|guy))';
const ONE_FOR = new RegExp(`\\b(?:and |plus )?(?:one|a cup|another|1) ${FOR_PERSON}\\b`, 'g');
const HEAD_FOR = new RegExp(`\\b(one|a|1)\\b([^,.;]*?)\\s${FOR_PERSON}\\b`);
const ONE_FOR_ZH = /(?:给)?(?:我|你|他|她|我朋友|我同事|朋友|同事|老婆|老公|孩子|小孩|我妈|我爸)(?:也)?(?:要|来)?(?:一杯|一份)/g;

const countOf = (word: string) => EN_NUMBER[word] ?? (/^\d+$/.test(word) ? Number(word) : parseChineseNumeral(word));

export function rewriteSpokenCounts(text: string): string {
  const rewritten = rewriteOneFor(rewriteOneForZh(rewriteParty(text)));
  return rewritten === text ? text : tidy(rewritten);
}

const tidy = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;，])/g, '$1')
    .replace(/^[\s,.;，]+/, '')
    .trim();

/** "we are three … one each" → "… 3 cups"; "我们四个人，一人一杯" → "…4杯". */
function rewriteParty(text: string): string {
  const party = PARTY_EN.exec(text) ?? PARTY_ZH.exec(text);
  if (!party) return text;
  const size = countOf(party.slice(1).find(Boolean)!);
  if (!Number.isInteger(size) || size < 2) return text;
  if (EACH_EN.test(text)) return text.replace(EACH_EN, `${size} cups`).replace(party[0], ' ').trim();
  if (EACH_ZH.test(text)) return text.replace(EACH_ZH, `${size}杯`).replace(party[0], '').trim();
  return text;
}

/** "one oolong for me and one for my friend" → "2 oolong". */
function rewriteOneFor(text: string): string {
  const head = HEAD_FOR.exec(text);
  if (!head) return text;
  const rest = text.slice(head.index + head[0].length);
  const tails = rest.match(ONE_FOR) ?? [];
  if (tails.length === 0) return text;
  const count = 1 + tails.length;
  let after = rest;
  for (const tail of tails) after = after.replace(tail, '');
  return `${text.slice(0, head.index)}${count}${head[2]}${after}`.replace(/\s+/g, ' ').trim();
}

/** "我一杯，我朋友一杯" → "2杯": only when nothing else is said between them. */
function rewriteOneForZh(text: string): string {
  const matches = [...text.matchAll(ONE_FOR_ZH)];
  if (matches.length < 2) return text;
  const first = matches[0]!;
  const last = matches.at(-1)!;
  const between = text.slice(first.index, last.index! + last[0].length);
  if (between.replace(ONE_FOR_ZH, '').replace(/[,，、和跟还有\s]/g, '') !== '') return text;
  return `${text.slice(0, first.index)}${matches.length}杯${text.slice(last.index! + last[0].length)}`;
}
