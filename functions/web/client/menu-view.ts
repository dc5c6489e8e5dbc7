import { WARM_ICE_IDS } from '../../../shared/menu/catalog.ts';
import type { MenuResponse } from './api.ts';
import type { Lang } from './i18n.ts';

type Item = MenuResponse['items'][number];
export type MenuGroup = { key: string; name: string | undefined; items: Item[] };

/** The drinks grouped by their category, in the order the menu first names each one; uncategorised drinks last. */
export function groupByCategory(menu: MenuResponse, lang: Lang): MenuGroup[] {
  const groups = new Map<string, MenuGroup>();
  for (const item of menu.items) {
    const key = item.category ? `${item.category.zh}\u0000${item.category.en}` : '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, name: item.category?.[lang], items: [] }));
    group.items.push(item);
  }
  const uncategorised = groups.get('');
  groups.delete('');
  return uncategorised ? [...groups.values(), uncategorised] : [...groups.values()];
}

/** The sizes a drink comes in, in the menu's size order, each with its name and price. */
export function sizePrices(item: Item, menu: MenuResponse, lang: Lang): { id: string; name: string; price: number }[] {
  const known = menu.sizes
    .filter((size) => item.prices[size.id] !== undefined)
    .map((size) => ({ id: size.id, name: size.name[lang], price: item.prices[size.id]! }));
  const extra = Object.keys(item.prices)
    .filter((id) => !menu.sizes.some((size) => size.id === id))
    .map((id) => ({ id, name: id, price: item.prices[id]! }));
  return [...known, ...extra];
}

const WARM = new Set<string>(WARM_ICE_IDS);

/** What is special about a drink's options, in the menu's own names: only the limits a customer must know. */
export function optionNotes(item: Item, menu: MenuResponse, lang: Lang): { coldOnly: boolean; notes: string[] } {
  const join = (names: string[]) => names.join(lang === 'zh' ? '、' : ' / ');
  // "Cold only" means something only where other drinks can be made warm.
  const coldOnly = !item.hotAllowed && menu.items.some((other) => other.hotAllowed);
  // The owner's own note says it best; the derived notes are for drinks without one.
  if (item.note) return { coldOnly, notes: [item.note[lang]].filter((note) => !(coldOnly && /^(cold only|仅冷饮|只有冷饮|只做冷饮)$/i.test(note.trim()))) };
  const notes: string[] = [];
  if (item.sugar.length < menu.sugar.length) {
    notes.push(`${lang === 'zh' ? '甜度' : 'Sugar'}: ${join(menu.sugar.filter((s) => item.sugar.includes(s.id)).map((s) => s.name[lang]))}`);
  }
  // A cold-only drink says so in its tag; list the ice levels only when more than the warm ones are missing.
  const missingCold = menu.ice.filter((ice) => !WARM.has(ice.id) && !item.ice.includes(ice.id));
  if (missingCold.length > 0) {
    notes.push(`${lang === 'zh' ? '冰量' : 'Ice'}: ${join(menu.ice.filter((ice) => item.ice.includes(ice.id)).map((ice) => ice.name[lang]))}`);
  }
  const topping = (id: string) => menu.toppings.find((t) => t.id === id)?.name[lang] ?? id;
  if (item.includes.length > 0) notes.push(`${lang === 'zh' ? '含' : 'With '}${join(item.includes.map(topping))}`);
  if (menu.toppings.length > 0 && item.toppings.length === 0) notes.push(lang === 'zh' ? '不加小料' : 'No toppings');
  return { coldOnly, notes: [...new Set(notes)] };
}

/** What a poll must notice: a new version (prices, drinks, names) or a drink sold out or back. */
export function menuSignature(menu: MenuResponse): string {
  return `${menu.version}:${menu.items
    .filter((item) => !item.available)
    .map((item) => item.id)
    .join(',')}`;
}

/** The input's example sentence, from the live menu (no drink named in code). */
export function exampleOrder(menu: MenuResponse | undefined, lang: Lang): string {
  const item = menu?.items.find((entry) => entry.available);
  if (!menu || !item) return lang === 'zh' ? '告诉我您想喝什么' : 'Tell me what you would like';
  const sizes = sizePrices(item, menu, lang);
  const size = sizes.length > 1 ? sizes[sizes.length - 1]!.name : '';
  return lang === 'zh' ? `例如：一杯${size}${item.name.zh}` : `e.g. one ${size ? `${size} ` : ''}${item.name.en}`;
}
