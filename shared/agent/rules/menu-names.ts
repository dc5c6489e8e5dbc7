import type { Catalog } from '../../menu/catalog.ts';
import type { LocalizedName, MenuItem } from '../../menu/menu-types.ts';

// The words a menu entry answers to: its names and aliases as the menu has them, English in
// lower case with its plural, and for a drink the short form people say at the counter — its
// name without the kind of drink it is (乌龙奶茶 → 乌龙, "Lemon Black Tea" → "lemon"), unless
// that short form is another entry's word.

type Named = { id: string | number; name: LocalizedName; aliases: string[] };

const ZH_KINDS = ['奶茶', '鲜奶', '拿铁', '绿茶', '红茶', '乌龙茶', '果茶', '茶'];
const EN_KINDS = [' milk tea', ' black tea', ' green tea', ' fruit tea', ' tea', ' latte', ' milk'];
const LATIN = /[a-z]/i;

const lower = (text: string) => (LATIN.test(text) ? text.toLowerCase() : text);
const plural = (text: string) => (LATIN.test(text) && /[a-z]$/.test(text) && !text.endsWith('s') ? [`${text}s`] : []);

/** Names and aliases as written (English lower-case), with English plurals. */
export function optionNames(entry: Named): string[] {
  const names = [entry.name.zh, lower(entry.name.en), ...entry.aliases.map(lower)];
  return [...new Set(names.flatMap((name) => [name, ...plural(name)]))];
}

function shortForms(item: MenuItem): string[] {
  const forms: string[] = [];
  for (const kind of ZH_KINDS) if (item.name.zh.endsWith(kind) && item.name.zh.length - kind.length >= 2) forms.push(item.name.zh.slice(0, -kind.length));
  const en = item.name.en.toLowerCase();
  for (const kind of EN_KINDS) if (en.endsWith(kind) && en.length - kind.length >= 3) forms.push(en.slice(0, -kind.length));
  return forms.slice(0, 2);
}

const derived = new WeakMap<Catalog['definition'], Map<string, string[]>>();

/** Each drink's short forms that no other entry of this menu claims. */
function shortFormsOf(catalog: Catalog): Map<string, string[]> {
  let table = derived.get(catalog.definition);
  if (table) return table;
  const claimed = new Map<string, number>();
  const count = (word: string) => claimed.set(word, (claimed.get(word) ?? 0) + 1);
  for (const entry of [...catalog.items, ...catalog.toppings]) for (const name of optionNames(entry)) count(name);
  const candidates = new Map(catalog.items.map((item) => [item.id, shortForms(item)]));
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
