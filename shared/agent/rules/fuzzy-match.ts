import { pinyin } from 'pinyin-pro';
import type { Catalog } from '../../menu/catalog.ts';
import { menuInScope } from '../menu-scope.ts';
import { matchPhrase } from './lexicon.ts';
import { namesOf } from './menu-names.ts';

// Speech-recognition slips compared by sound, computed from the live menu's own names. Chinese:
// the toneless pinyin of each character (pinyin-pro); a stretch of unrecognised text that sounds
// exactly like a menu name ("也果" = ye guo = 椰果) is taken as that name, one that only sounds
// near (zh/z, ch/c, sh/s, n/l, -ng/-n: "珍组" zhen zu) is asked about: "您是说珍珠吗？". English:
// a phrase one or two letters off a menu name ("putting" for pudding) is asked about.

export type FuzzyCandidate = { kind: 'item' | 'topping'; id: string; name: string; from: string; sure: boolean };

const CJK = /[\u3400-\u9fff]/;
const syllables = new Map<string, string>();
/** The character's toneless pinyin ("珍" → "zhen"); itself when it is not Chinese. */
function syllableOf(ch: string): string {
  let syllable = syllables.get(ch);
  if (syllable === undefined) syllables.set(ch, (syllable = CJK.test(ch) ? pinyin(ch, { toneType: 'none', v: true }) : ch));
  return syllable;
}

/** One spelling for syllables that accents and recognisers confuse. */
const near = (syllable: string) =>
  syllable.replace(/^zh/, 'z').replace(/^ch/, 'c').replace(/^sh/, 's').replace(/^l/, 'n').replace(/ng$/, 'n').replace(/v$/, 'u');

type Entry = { kind: 'item' | 'topping'; id: string; name: string; sounds: string[] };
const tables = new WeakMap<
  Catalog['definition'],
  { zhByFirstSound: Map<string, Entry[]>; byInitial: Map<string, { entry: Entry; index: number; nameWords: string[] }[]>; known: Set<string> }
>();

function entriesOf(catalog: Catalog) {
  let found = tables.get(catalog.definition);
  if (found) return found;
  const all: Entry[] = [
    ...catalog.toppings.flatMap((topping) => namesOf(topping, catalog).map((name) => ({ kind: 'topping' as const, id: topping.id, name }))),
    ...catalog.items.flatMap((item) => namesOf(item, catalog, true).map((name) => ({ kind: 'item' as const, id: item.id, name }))),
  ].map((entry) => ({ ...entry, sounds: [...entry.name].map(syllableOf) }));
  const byInitial = new Map<string, { entry: Entry; index: number; nameWords: string[] }[]>();
  for (const entry of all.filter((candidate) => /^[a-z][a-z ]+$/.test(candidate.name) && candidate.name.length >= 5)) {
    const nameWords = entry.name.split(' ');
    nameWords.forEach((word, index) => {
      const list = byInitial.get(word[0]!) ?? [];
      list.push({ entry, index, nameWords });
      byInitial.set(word[0]!, list);
    });
  }
  // Chinese names by how their first character sounds: a slip keeps the first syllable near.
  const zhByFirstSound = new Map<string, Entry[]>();
  for (const entry of all.filter((candidate) => CJK.test(candidate.name) && candidate.name.length >= 2)) {
    const key = near(entry.sounds[0]!);
    zhByFirstSound.set(key, [...(zhByFirstSound.get(key) ?? []), entry]);
  }
  found = {
    zhByFirstSound,
    byInitial,
    known: new Set(all.map((entry) => entry.name)),
  };
  tables.set(catalog.definition, found);
  return found;
}

/** How `text` sounds against a menu name: 'same', 'near' or null. */
function compare(text: string, sounds: string[], name: string): 'same' | 'near' | null {
  let result: 'same' | 'near' = 'same';
  let substituted = 0;
  for (let k = 0; k < sounds.length; k += 1) {
    const ch = text[k]!;
    if (ch === name[k]) continue;
    if (!CJK.test(ch)) return null;
    const heard = syllableOf(ch);
    substituted += 1;
    if (heard === sounds[k]) continue;
    if (near(heard) !== near(sounds[k]!)) return null;
    result = 'near';
  }
  if (substituted === 0 || substituted * 2 > sounds.length + (result === 'same' ? 1 : 0)) return null;
  return result;
}

/** The sound-alike menu word in `span` (text the tokenizer did not recognise), or null. */
export function findSoundAlike(span: string): FuzzyCandidate | null {
  let found: FuzzyCandidate | null = null;
  const { zhByFirstSound } = entriesOf(menuInScope());
  for (let start = 0; start < span.length; start += 1) {
    for (const entry of zhByFirstSound.get(near(syllableOf(span[start]!))) ?? []) {
      const length = entry.name.length;
      if (start + length > span.length) continue;
      const match = compare(span.slice(start, start + length), entry.sounds, entry.name);
      if (!match) continue;
      const candidate = { kind: entry.kind, id: entry.id, name: entry.name, from: span.slice(start, start + length), sure: match === 'same' };
      if (!found || candidate.name.length > found.name.length) found = candidate;
      else if (candidate.name.length === found.name.length && candidate.id !== found.id) return null; // two candidates: not a useful question
    }
  }
  return found;
}

/** The Latin words of `text` that no phrase of the lexicon covers (where a slip can hide). */
function unknownWords(text: string): Set<string> {
  const unknown = new Set<string>();
  let i = 0;
  while (i < text.length) {
    if (!/[a-z]/.test(text[i]!) || (i > 0 && /[a-z]/.test(text[i - 1]!))) {
      i += 1;
      continue;
    }
    const match = matchPhrase(text, i);
    if (match) {
      i = match.end;
      continue;
    }
    let end = i;
    while (end < text.length && /[a-z]/.test(text[end]!)) end += 1;
    unknown.add(text.slice(i, end));
    i = end;
  }
  return unknown;
}

/** Letters to change to turn `a` into `b` (Levenshtein), giving up past `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * An English phrase that is a menu name with one word a letter or two off ("mango sake" for mango
 * sago, "putting" for pudding), the word starting with the same letter: asked about, never used unasked.
 */
export function findEnglishSoundAlike(text: string): FuzzyCandidate | null {
  const lower = text.toLowerCase();
  const unknown = unknownWords(lower);
  if (unknown.size === 0) return null;
  const words = lower.split(/[^a-z]+/).filter(Boolean);
  const { byInitial, known } = entriesOf(menuInScope());
  let best: { entry: Entry; from: string; off: number } | null = null;
  let tie = false;
  for (const [position, heard] of words.entries()) {
    if (!unknown.has(heard) || heard.length < 3) continue;
    // Only names with a word of the same first letter can be what this word was meant to be.
    for (const { entry, index, nameWords } of byInitial.get(heard[0]!) ?? []) {
      const start = position - index;
      if (start < 0 || start + nameWords.length > words.length) continue;
      const window = words.slice(start, start + nameWords.length);
      if (window.some((word, k) => k !== index && word !== nameWords[k])) continue;
      const from = window.join(' ');
      // Words the menu knows as they are ("oolong milk tea" next to "oolong milk teas") are no slip.
      if (known.has(from) || known.has(`${from}s`) || known.has(from.replace(/s$/, ''))) continue;
      const word = nameWords[index]!;
      const limit = word.length >= 6 ? 2 : 1;
      const off = distance(heard, word, limit);
      if (off === 0 || off > limit) continue;
      if (!best || off < best.off) {
        best = { entry, from, off };
        tie = false;
      } else if (off === best.off && entry.id !== best.entry.id) tie = true;
    }
  }
  if (!best || tie) return null;
  return { kind: best.entry.kind, id: best.entry.id, name: best.entry.name, from: best.from, sure: false };
}
