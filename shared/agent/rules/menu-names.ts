import type { Catalog } from '../../menu/catalog.ts';
import type { LocalizedName, MenuItem } from '../../menu/menu-types.ts';
import { ICE_WORDS, SIZE_WORDS, SUGAR_WORDS } from './option-words.ts';

// The words a menu entry answers to: its names and aliases as the menu has them, English in
// lower case with its plural, and for a drink the short form people say at the counter — its
// name without the kind of drink it is (乌龙奶茶 → 乌龙, "Lemon Black Tea" → "lemon"), unless
// that short form is another entry's word.

type Named = { id: string | number; name: LocalizedName; aliases: string[] };

const ZH_KINDS = ['奶茶', '鲜奶', '拿铁', '绿茶', '红茶', '乌龙茶', '果茶', '茶'];
const EN_KINDS = [' milk tea', ' black tea', ' green tea', ' fruit tea', ' tea', ' latte', ' milk'];
const LATIN = /[a-z]/i;
const KIND_WORDS = new Set(['milk', 'latte', 'lattes', 'green', 'black', 'fruit', 'tea', 'teas', 'coffee', 'drink']);
const OPTION_WORDS = new Set(
  [
    ...Object.values(SIZE_WORDS).flat(),
    ...Object.values(SUGAR_WORDS).flatMap((w) => [...w.zh, ...w.en]),
    ...Object.values(ICE_WORDS).flatMap((w) => [...w.zh, ...w.en]),
  ].flatMap((phrase) => phrase.split(/\s+/)),
);

const lower = (text: string) => (LATIN.test(text) ? text.toLowerCase() : text);
const plural = (text: string) => (LATIN.test(text) && /[a-z]$/.test(text) && !text.endsWith('s') ? [`${text}s`] : []);

/** Names and aliases as written (Latin letters lower-case, as in 橙C美式), with English plurals. */
export function optionNames(entry: Named): string[] {
  const names = [lower(entry.name.zh), lower(entry.name.en), ...entry.aliases.map(lower)];
  return [...new Set(names.flatMap((name) => [name, ...plural(name)]))];
}

function shortForms(item: MenuItem): string[] {
  const forms: string[] = [];
  for (const kind of ZH_KINDS) if (item.name.zh.endsWith(kind) && item.name.zh.length - kind.length >= 2) forms.push(item.name.zh.slice(0, -kind.length));
  const en = item.name.en.toLowerCase();
  for (const kind of EN_KINDS) if (en.endsWith(kind) && en.length - kind.length >= 3) forms.push(en.slice(0, -kind.length));
  return forms.slice(0, 2);
}

/**
 * One word of the English name that no other entry uses: "lemon", "osmanthus". Not Chinese
 * characters: a part of a name ("百香") would hide the sound-alike of the whole ("百香过绿茶"), and
 * "杨枝甘露" at a shop with only 芒芒甘露 must stay a drink it does not have.
 */
function nameParts(item: MenuItem): string[] {
  return item.name.en
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length >= 4 && /^[a-z]+$/.test(word) && !KIND_WORDS.has(word) && !OPTION_WORDS.has(word));
}

/** How many entries use each English word in their names (a plural counts as its singular). */
function wordUse(entries: readonly Named[]): Map<string, number> {
  const use = new Map<string, number>();
  for (const entry of entries) {
    const words = new Set(optionNames(entry).flatMap((name) => name.split(/\s+/).map(stem)));
    for (const word of words) use.set(word, (use.get(word) ?? 0) + 1);
  }
  return use;
}
const stem = (word: string) => word.replace(/s$/, '');

const derived = new WeakMap<Catalog['definition'], Map<string, string[]>>();

/** Each drink's short forms that no other entry of this menu claims. */
function shortFormsOf(catalog: Catalog): Map<string, string[]> {
  let table = derived.get(catalog.definition);
  if (table) return table;
  const claimed = new Map<string, number>();
  const count = (word: string) => claimed.set(word, (claimed.get(word) ?? 0) + 1);
  for (const entry of [...catalog.items, ...catalog.toppings]) for (const name of optionNames(entry)) count(name);
  const use = wordUse([...catalog.items, ...catalog.toppings]);
  // A word of the drink's own name used by one entry only: this drink.
  const candidates = new Map(catalog.items.map((item) => [item.id, [...shortForms(item), ...nameParts(item).filter((part) => use.get(stem(part)) === 1)]]));
  const proposed = new Map<string, number>();
  for (const forms of candidates.values()) for (const form of forms) proposed.set(form, (proposed.get(form) ?? 0) + 1);
  table = new Map(
    [...candidates].map(([id, forms]) => [
      id,
      forms.filter((form) => !claimed.has(form) && proposed.get(form) === 1).flatMap((form) => [form, ...plural(form)]),
    ]),
  );
  derived.set(catalog.definition, table);
  return table;
}

/** Every word for a drink or a topping of this menu. */
export function namesOf(entry: Named, catalog: Catalog, isItem = false): string[] {
  return [...optionNames(entry), ...(isItem ? (shortFormsOf(catalog).get(String(entry.id)) ?? []) : [])];
}
