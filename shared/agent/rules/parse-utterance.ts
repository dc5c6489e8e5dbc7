import { findEnglishSoundAlike, findSoundAlike } from './fuzzy-match.ts';
import type { Intent, ParsedUtterance } from './intents.ts';
import { INTENT_CLASSIFIERS } from './intent-classifiers.ts';
import { utteranceFacts } from './utterance-facts.ts';
import { normalizeText } from './normalize-text.ts';
import { findUnheardDrinks, mayNameUnheardDrink } from './unheard-drinks.ts';
import { findUnknownAddIns } from './unknown-add-ins.ts';
import { rewriteSpokenCounts } from './spoken-counts.ts';
import { tokenize } from './tokenize.ts';

// Text → intents with slots. Pure and synchronous: no state, no menu availability, no I/O.
// The dialogue policy (respond-with-rules.ts) decides what the intents mean for the session.

const INJECTION_RE =
  /(忽略|无视|忘记|忘掉).{0,8}(指令|指示|设定|规则|提示|要求)|系统提示|提示词|(价格|价钱|价|总价)\s*(改|设|变|调)\s*(成|为|到)|免费|(打|给我打|给个|来个).{0,3}折|折扣|优惠|便宜(一)?点|便宜些|少算|少收|减价|降价|不要钱|白送|^system\s*:|\bsystem\s*:|\btotal\s*(is|=|:)?\s*(0|zero|free)\b|\bcheaper\b|\bcoupon\b|\bon the house\b|\bgive me a deal\b|system prompt|system message|(system|your|the) instructions|ignore (all|any|the|your|previous|prior|above|earlier)|disregard|jailbreak|developer mode|you are now|pretend (to be|you are|you're)|act as (a|an|if)|(set|change|make|put) (the |all )?(price|total|cost)s?|\bfor free\b|\bdiscount\b|reveal (your|the)|(repeat|print|show) (the|your) (prompt|instructions|rules)/;
const INJECTION_GLOBAL = new RegExp(INJECTION_RE.source, 'g');
/** One customer message → what they want, in order. */
export function parseUtterance(text: string): ParsedUtterance {
  const normalized = rewriteSpokenCounts(normalizeText(text));
  if (!INJECTION_RE.test(normalized)) return parseNormalized(normalized);
  // Bargaining or an injection inside a real order: the order is taken, the price part refused.
  const kept = normalized
    .split(/[,.;!?:]/)
    .map((clause) => {
      if (!INJECTION_RE.test(clause)) return clause;
      const rest = clause.replace(INJECTION_GLOBAL, ' ');
      return tokenize(rest).some((token) => token.type === 'item') ? rest : '';
    })
    .join(',');
  const rest = parseNormalized(kept);
  const useful = rest.intents.filter((intent) => !['off_topic', 'greet', 'thanks', 'no', 'yes', 'hold', 'number'].includes(intent.type));
  if (useful.length === 0) return { intents: [{ type: 'off_topic', injection: true }], normalized };
  return { intents: [{ type: 'refuse_price' }, ...useful], normalized };
}

function parseNormalized(normalized: string, soundFixed = false): ParsedUtterance {
  const unknown: string[] = [];
  const unknownWords: { word: string; at: number }[] = [];
  const tokens = tokenize(normalized, unknown, unknownWords);
  for (const span of unknown) {
    const candidate = findSoundAlike(span);
    if (candidate?.sure && !soundFixed) return parseNormalized(normalized.replace(candidate.from, candidate.name), true);
    if (candidate) {
      return {
        intents: [{ type: 'did_you_mean', corrected: normalized.replace(candidate.from, candidate.name), kind: candidate.kind, id: candidate.id }],
        normalized,
      };
    }
  }
  const english = findEnglishSoundAlike(normalized);
  if (english)
    return { intents: [{ type: 'did_you_mean', corrected: normalized.replace(english.from, english.name), kind: english.kind, id: english.id }], normalized };

  // An order for something the menu does not have: said so, never another drink, its options kept apart.
  // (Only when some words were not recognised: most messages are read once.)
  const unheard = soundFixed || !mayNameUnheardDrink(tokens, unknown, unknownWords) ? null : findUnheardDrinks(normalized);
  if (unheard) {
    const rest = unheard.rest ? parseNormalized(unheard.rest, true).intents.filter((intent) => intent.type !== 'off_topic') : [];
    return { intents: [...unheard.heard.map((heard) => ({ type: 'not_on_menu' as const, heard })), ...rest], normalized, decidedBy: 'not on the menu' };
  }
  // "第一杯去冰，第二杯热的", "first one no ice, second one hot": one change per clause.
  if (!soundFixed && tokens.filter((token) => token.type === 'ord').length >= 2 && !tokens.some((token) => token.type === 'item')) {
    const clauses = normalized.split(/[,;.]/).filter((clause) => clause.trim());
    if (clauses.length >= 2) return { intents: clauses.flatMap((clause) => parseNormalized(clause, true).intents), normalized };
  }
  const facts = utteranceFacts(normalized, tokens);
  for (const classifier of INTENT_CLASSIFIERS) {
    const intents = classifier.classify(facts);
    if (intents)
      return { intents: [...unknownAddIns(intents, unknown.length + unknownWords.length > 0, normalized), ...intents], normalized, decidedBy: classifier.name };
  }
  return { intents: [{ type: 'off_topic', injection: false }], normalized };
}

/** "with oat milk" beside a drink ordered or changed: named as not on the menu, before the order is taken. */
function unknownAddIns(intents: Intent[], heardUnknownWords: boolean, normalized: string): Intent[] {
  if (!heardUnknownWords) return [];
  if (!intents.some((intent) => intent.type === 'order' || intent.type === 'modify')) return [];
  return findUnknownAddIns(normalized).map((heard) => ({ type: 'not_on_menu', heard }));
}
