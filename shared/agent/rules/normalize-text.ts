// Text normalisation for the rule parser: full-width → half-width (NFKC), lower case, CJK
// punctuation → ASCII, and the speech-recognition slips that are unambiguous fixed in place.

const PUNCTUATION: Record<string, string> = {
  '，': ',',
  '。': '.',
  '、': ',',
  '；': ';',
  '：': ':',
  '！': '!',
  '？': '?',
  '～': '~',
  '…': ',',
  '—': ',',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '（': '(',
  '）': ')',
  '　': ' ',
};
const PUNCTUATION_RE = /[，。、；：！？～…—“”‘’（）　]/g;

/**
 * Rewordings and spelling slips of the shared ordering words, never of a menu's names (those are
 * matched by sound, fuzzy-match.ts): corrected silently.
 */
export const SURE_FIXES: Record<string, string> = {
  冰都去掉: '都去冰',
  冰都不要: '都去冰',
  冰块都去掉: '都去冰',
  糖都不要: '都无糖',
  糖都去掉: '都无糖',
  'milk tee': 'milk tea',
  milktea: 'milk tea',
  'bubble t ': 'bubble tea ',
  'boba t ': 'boba tea ',
  'thats ': "that's ",
  'thatll ': "that'll ",
  'whats ': "what's ",
  'im good': "i'm good",
  'im done': "i'm done",
  suger: 'sugar',
  sugur: 'sugar',
  shugar: 'sugar',
  'less ise': 'less ice',
  'no ise': 'no ice',
};

/** "sugar: half", "ice: none" (read off a list) → "half sugar", "no ice". */
const LABELLED_RE = /\b(sugar|sweetness|ice)\s*[:=]\s*(half|full|none|no|zero|less|light|normal|regular|little)\b/g;
const LABEL_VALUES: Record<string, string> = { none: 'no', zero: 'no', little: 'light' };

/** "I want to large teas", "get for lemon teas": a number heard as to / too / for before a plural drink. */
const HEARD_NUMBER_RE = /\b(want|get|have|need|order|take|like) (to|too|for) (?=(?:large |medium |big )?[a-z ]{0,30}?(?:teas|lattes|sagos|drinks|ones)\b)/g;

/**
 * "one with no ice and one regular", "一杯去冰一杯正常": a how-much word in a second cup's clause
 * takes the noun (ice, sugar) the clause before it said. The words between hold no other noun, so
 * "half sugar, one no ice one less" gives "less ice". Not "more" ("and one more" is another cup).
 */
const ELIDED_EN_RE =
  /\b(ice|sugar)\b((?:(?!\b(?:ice|sugar|sweet)\b)[^.;?!])*?\b(?:one|the other(?: one)?)\s+(?:with\s+)?)(regular|normal|standard|less|extra|light|little|full)\b(?!\s+(?:ice|sugar|sweet))/g;
const ELIDED_ZH_RE = /(冰|糖)((?:(?![冰糖])[^.;?!])*?(?:一杯|另一杯|另外一杯))(正常|少|多|微)(?![冰糖放点一])/g;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FIX_RE = new RegExp(
  Object.keys(SURE_FIXES)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|'),
  'g',
);
const fix = (match: string) => SURE_FIXES[match] ?? match;

export function normalizeText(text: string): string {
  let out = text.normalize('NFKC').toLowerCase();
  out = out.replace(PUNCTUATION_RE, (ch) => PUNCTUATION[ch] ?? ch).replace(/[’‘`]/g, "'");
  // A trailing space lets the English fixes that need a word end match at the end too.
  out = `${out} `.replace(FIX_RE, fix);
  out = out.replace(LABELLED_RE, (_match, field: string, value: string) => `${LABEL_VALUES[value] ?? value} ${field === 'ice' ? 'ice' : 'sugar'}`);
  out = out.replace(/\b0 ?(ice|sugar)\b/g, 'no $1');
  out = out.replace(ELIDED_EN_RE, (_match, noun: string, between: string, amount: string) => `${noun}${between}${amount} ${noun}`);
  out = out.replace(ELIDED_ZH_RE, (_match, noun: string, between: string, amount: string) => `${noun}${between}${amount}${noun}`);
  out = out.replace(HEARD_NUMBER_RE, (_match, verb: string, word: string) => `${verb} ${word === 'for' ? 'four' : 'two'} `);
  return out.replace(/\s+/g, ' ').trim();
}

/** CJK characters mean Chinese. */
export const CJK_RE = /[\u3400-\u9fff\uf900-\ufaff]/;
