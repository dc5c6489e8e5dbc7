import { matchPhrase } from './lexicon.ts';
import { tokenize, type Token } from './tokenize.ts';

// A drink this shop does not have, ordered in one clause of a message: "一杯大杯珍珠奶茶少糖，再来一杯
// 桂花乌龙" at a shop without 珍珠奶茶. That clause is "not on our menu" — its size and sugar never
// reach the next drink — and the other clauses are read as usual.

const CLAUSE_SPLIT = /[,;.!?]|再来|还要|另外|再要|\b(?:and|plus)\b(?= (?:a|an|one|two|three|four|another)\b)/;
/** Words around an order that are not a drink's name. */
export const FILLER = new Set(
  "i im i'm i'd id ill i'll we we'd can could would will may get got have has having want wants like need please pls me us my our for here to go take away the a an of some and also with one ones cup cups glass glasses size sized hi hello hey um uh er just maybe yeah yes ok okay so well then now today thanks thank you give gimme let let's lets order ordering buy make it that this those these be is are am do does what how".split(
    ' ',
  ),
);
/** Words that may open an order ("um, a flat white") without making it a question ("how is 12 …"). */
const LEAD_IN = new Set('hi hello hey um uh er so well ok okay yeah yes and also then just maybe please'.split(' '));
/** Words that make "a …" an order rather than small talk ("tell me a joke"). */
const ORDER_CUE = /\b(want|wanna|have|get|order|like|take|need|gimme|give me|i'll|i'd|could i|can i|may i|we'll)\b|来|要|点/;
const GENERIC_END = /^[\u3400-\u9fff]{2,}(奶茶|饮料)$/;
const COUNTS = new Set(['num', 'bad_num']);
const DESCRIBING = new Set(['size', 'sugar', 'ice', 'pct']);

export type UnheardDrinks = { heard: string[]; rest: string };

/** A cheap first look over the whole message's tokens: could some clause name a drink the menu lacks? */
export function mayNameUnheardDrink(tokens: Token[], spans: string[], words: { word: string; at: number }[]): boolean {
  return spans.length > 0 || words.some(({ word, at }) => word.length >= 3 && !FILLER.has(word) && followsCount(tokens, at));
}

/** The drinks named that the menu lacks, and the rest of the message; null when there are none. */
export function findUnheardDrinks(normalized: string): UnheardDrinks | null {
  const heard: string[] = [];
  const rest: string[] = [];
  const ordering = ORDER_CUE.test(normalized);
  for (const clause of normalized.split(CLAUSE_SPLIT)) {
    const name = unheardDrinkIn(clause, ordering);
    if (name) heard.push(name);
    else if (clause.trim()) rest.push(clause);
  }
  return heard.length ? { heard, rest: rest.join(',') } : null;
}

function unheardDrinkIn(clause: string, ordering: boolean): string | null {
  const spans: string[] = [];
  const words: { word: string; at: number }[] = [];
  const tokens = tokenize(clause, spans, words);
  if (tokens.some((token) => token.type === 'item' || token.type === 'topping')) return null;
  if (tokens.some((token) => token.type === 'kw' && ['status', 'price', 'menu', 'recommend', 'have', 'question'].includes(token.keyword))) return null;
  const cups = tokens.some((token) => token.type === 'num' && token.unit === 'cup');
  // "珍珠奶茶" at a shop without it: the unknown words and the kind of drink they name.
  const kind = spans.find((span) => GENERIC_END.test(span));
  if (kind && cups) return kind.replace(/[吧呀啊呢哦的了吗\s]+$/u, '');
  if (tokens.some((token) => token.type === 'generic')) return null;
  const zh = spans.map((span) => unheardWords(clause, span)).find((span) => span.length >= 2 && !onlyOrderingWords(span));
  if (zh && cups) return zh;
  if (!ordering && !cups && !startsWithCount(tokens, words) && !tokens.some((token) => DESCRIBING.has(token.type))) return null;
  // English: the words where a drink's name goes, after a count and its options ("a large caramel macchiato").
  const named = words.filter(({ word, at }) => word.length >= 3 && !FILLER.has(word) && followsCount(tokens, at));
  return named.length ? named.map(({ word }) => word).join(' ') : null;
}

/** "a caramel macchiato please", "one flat white": the clause opens with a count (after filler words only),
 * so it is an order without "I want"; "tell me a joke" is not. */
function startsWithCount(tokens: Token[], words: { word: string; at: number }[]): boolean {
  if (!COUNTS.has(tokens[0]?.type ?? '')) return false;
  return words.every(({ word, at }) => at > 0 || LEAD_IN.has(word));
}

/** True when the tokens before position `at` end with a count, then only sizes and options. */
function followsCount(tokens: Token[], at: number): boolean {
  for (let k = at - 1; k >= 0; k -= 1) {
    const token = tokens[k]!;
    if (COUNTS.has(token.type)) return true;
    if (!DESCRIBING.has(token.type)) return false;
  }
  return false;
}

/** Words that ask for a drink without naming one: "那就来一杯吧" names none (nor does its count). */
const ZH_ORDERING_WORDS =
  /[一两二三四五六七八九十几\d]+(?:杯|份|个)|那就|就|那|来|要|给我|帮我|请|吧|再|先|还|也|的|了|啊|呢|嗯|这个|那个|一下|我想|想|我们|我|能|可以|点|拿|买|喝|让|你们|您/gu;

function onlyOrderingWords(span: string): boolean {
  return span.replace(ZH_ORDERING_WORDS, '').length === 0;
}

/** An unrecognised span without the two characters the tokenizer adds after it when they start a known word. */
function unheardWords(text: string, span: string): string {
  const at = text.indexOf(span);
  const end = at + span.length;
  const trimmed = end < text.length || (end === text.length && matchPhrase(text, end - 2)) ? span.slice(0, -2) : span;
  return trimmed.replace(/[吧呀啊呢哦的了吗，。！？\s]+$/u, '');
}
