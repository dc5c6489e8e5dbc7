import { isChineseNumeral, matchPhrase, parseChineseNumeral, type Lexeme } from './lexicon.ts';

// Normalised text → tokens, left to right, longest known phrase first. Numbers are read with
// what follows them: 2杯 / 两份 are quantities, 30% a sugar level, 第二 a line number.

export type Token = Lexeme | { type: 'pct'; value: number } | { type: 'bad_num'; value: number };

const CUP_UNITS = new Set(['杯', '份', '个', '瓶']);
const EN_CUP = /^\s*(cups?|glasses|bottles?|servings?|of)\b/;
// "70%", "70 percent", "7成", "3分糖": a sugar level, never a count; the "sugar"/"糖" after it is part of it.
const PERCENT_AFTER = /^(%|\s*percent\b|\s*per cent\b|成|分(?=糖|甜))/;
const SUGAR_AFTER = /^(\s*(sugar|sweet|sweetness)\b|糖|甜)/;
const isLatin = (ch: string | undefined) => ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch === "'");
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/**
 * Tokens, the runs of Chinese characters no phrase matched (`unknown`, for sound-alikes), and the
 * Latin words none did (`unknownWords`, each with the number of tokens before it).
 */
export function tokenize(text: string, unknown?: string[], unknownWords?: { word: string; at: number }[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let spanStart = -1;
  const closeSpan = () => {
    // With the next few characters too: "真主奶茶" is heard across a word the lexicon knows (奶茶).
    if (spanStart >= 0 && unknown && i - spanStart >= 2) unknown.push(text.slice(spanStart, i + 2));
    spanStart = -1;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (spanStart >= 0 && !(ch >= '\u3400' && ch <= '\u9fff')) closeSpan();
    if (ch === ' ') {
      i += 1;
      continue;
    }
    const wordStart = !isLatin(text[i - 1]);
    // Numbers: digits (optionally negative, x2 / ×2), then their unit.
    if (isDigit(ch) || ((ch === '-' || ch === 'x' || ch === '×' || ch === '*') && isDigit(text[i + 1]) && (ch !== 'x' || wordStart))) {
      let j = isDigit(ch) ? i : i + 1;
      while (isDigit(text[j]) || (text[j] === '.' && isDigit(text[j + 1]))) j += 1;
      const value = (ch === '-' ? -1 : 1) * Number(text.slice(isDigit(ch) ? i : i + 1, j));
      if (text[i - 1] === '第') tokens.push({ type: 'ord', value: value });
      else if (PERCENT_AFTER.test(text.slice(j, j + 12))) {
        const tenths = text[j] === '成' || text[j] === '分';
        tokens.push({ type: 'pct', value: tenths ? value * 10 : value });
        j += PERCENT_AFTER.exec(text.slice(j, j + 12))![0].length;
        j += SUGAR_AFTER.exec(text.slice(j, j + 12))?.[0].length ?? 0;
      } else if (CUP_UNITS.has(text[j]!)) {
        tokens.push(numberToken(value, 'cup'));
        j += 1;
      } else if (ch === 'x' || ch === '×' || ch === '*' || EN_CUP.test(text.slice(j, j + 10))) tokens.push(numberToken(value, 'cup'));
      else tokens.push(numberToken(value, 'none'));
      i = j;
      continue;
    }
    if (wordStart || !isLatin(ch)) {
      const match = matchPhrase(text, i);
      if (match) {
        closeSpan();
        if (isPronounOne(text, i, match.end, tokens.at(-1))) tokens.push({ type: 'kw', keyword: 'one' });
        else tokens.push(match.lexeme.type === 'item' ? { ...match.lexeme, said: text.slice(i, match.end) } : match.lexeme);
        i = match.end;
        continue;
      }
    }
    if (isChineseNumeral(ch) && ch !== '百') {
      let j = i;
      while (j < text.length && isChineseNumeral(text[j]!)) j += 1;
      const value = parseChineseNumeral(text.slice(i, j));
      const pair = j - i === 2 ? [parseChineseNumeral(text[i]!), parseChineseNumeral(text[i + 1]!)] : [];
      if (Number.isNaN(value) && pair[1]! - pair[0]! === 1) {
        // "两三杯", "三四个": a range, asked about.
        closeSpan();
        const unit = CUP_UNITS.has(text[j]!) ? 'cup' : 'none';
        tokens.push({ type: 'num', value: pair[1]!, unit, range: [pair[0]!, pair[1]!] });
        i = unit === 'cup' ? j + 1 : j;
        continue;
      }
      if (!Number.isNaN(value)) {
        closeSpan();
        if (isToppingPortion(text, i, j)) {
          i = j + 1;
          continue;
        }
        if (text[i - 1] === '第') tokens.push({ type: 'ord', value: value });
        else if (CUP_UNITS.has(text[j]!)) {
          tokens.push(numberToken(value, 'cup'));
          j += 1;
        } else tokens.push(numberToken(value, 'none'));
        if (text[j] === '杯' || text[j] === '个') j += 1; // 第二杯
        i = j;
        continue;
      }
    }
    // "一冰一热": 冰 after a count is iced (alone it is too vague to be a word of its own).
    if (ch === '冰' && tokens.at(-1)?.type === 'num') {
      closeSpan();
      tokens.push({ type: 'ice', value: 'regular' });
      i += 1;
      continue;
    }
    // Unknown: skip a whole Latin word, or one character.
    if (isLatin(ch)) {
      const start = i;
      while (i < text.length && isLatin(text[i])) i += 1;
      unknownWords?.push({ word: text.slice(start, i), at: tokens.length });
    } else {
      if (spanStart < 0 && ch >= '\u3400' && ch <= '\u9fff') spanStart = i;
      i += 1;
    }
  }
  closeSpan();
  return joinRanges(tokens);
}

/** "two or three", "2到3杯", "2-3" (read as 2 and -3): one count token with its range. */
function joinRanges(tokens: Token[]): Token[] {
  const joined: Token[] = [];
  for (let k = 0; k < tokens.length; k += 1) {
    const [low, middle, high] = [tokens[k]!, tokens[k + 1], tokens[k + 2]];
    const isOr = middle?.type === 'kw' && middle.keyword === 'or';
    const upper = isOr && high?.type === 'num' ? high.value : middle?.type === 'bad_num' && middle.value < 0 ? -middle.value : undefined;
    if (low.type === 'num' && !low.range && upper !== undefined && upper > low.value && upper - low.value <= 2) {
      const unit = isOr && high?.type === 'num' ? high.unit : low.unit;
      joined.push({ type: 'num', value: upper, unit, range: [low.value, upper] });
      k += isOr ? 2 : 1;
    } else joined.push(low);
  }
  return joined;
}

/** "加一份珍珠": a portion of a topping on the drink, not another cup. */
function isToppingPortion(text: string, start: number, end: number): boolean {
  return (text[start - 1] === '加' || text[start - 1] === '多') && text[end] === '份' && matchPhrase(text, end + 1)?.lexeme.type === 'topping';
}

function numberToken(value: number, unit: 'cup' | 'none'): Token {
  return Number.isInteger(value) && value >= 0 ? { type: 'num', value: value, unit } : { type: 'bad_num', value: value };
}

const DESCRIBES = new Set(['item', 'generic', 'size', 'sugar', 'ice', 'topping', 'ord']);
const FOLLOWS_COUNT = new Set(['item', 'generic', 'size', 'sugar', 'ice', 'topping', 'no_toppings', 'num']);

/** "the matcha one", "a large one and…": "one" standing for a drink, not a count. */
function isPronounOne(text: string, start: number, end: number, previous: Token | undefined): boolean {
  if (text.slice(start, end) !== 'one' || !previous || !DESCRIBES.has(previous.type)) return false;
  if (previous.type === 'ord') return true; // "the last one", "the second one"
  let next = end;
  while (text[next] === ' ') next += 1;
  const following = matchPhrase(text, next);
  return !following || !FOLLOWS_COUNT.has(following.lexeme.type);
}
