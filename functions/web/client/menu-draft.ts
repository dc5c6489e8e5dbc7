// The owner's unsaved menu: a menu file (DESIGN §4) edited in place by path, immutably, with
// the same path syntax as the API's issues ("items[3].prices.XL").
import type { MenuDefinition, MenuItem, MenuTopping, SizeId } from '../../../shared/menu/menu-types.ts';
import { fieldOf } from '../../../shared/field-of.ts';
import { formatYuan } from '../../../shared/money.ts';

/** A menu being edited: a price holds what the owner typed until it is a number of fen (the check then names it). */
export type Draft = Omit<MenuDefinition, 'items' | 'toppings'> & { items: DraftItem[]; toppings: DraftTopping[] };
export type DraftItem = Omit<MenuItem, 'prices'> & { prices: Record<SizeId, DraftPrice> };
export type DraftTopping = Omit<MenuTopping, 'price'> & { price: DraftPrice };
type DraftPrice = number | string;
export type Issue = { path: string; message: string };
type Step = string | number;

export function parsePath(path: string): Step[] {
  const steps: Step[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) steps.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return steps;
}

/** `value` at `path`; undefined removes the key (or the list entry). What comes back is only as much a menu as `value` lets it be. */
export function setAt(root: unknown, path: string, value: unknown): unknown {
  const put = (node: unknown, steps: Step[]): unknown => {
    const [step, ...rest] = steps;
    if (step === undefined) return value;
    if (typeof step === 'number') {
      const list = Array.isArray(node) ? [...node] : [];
      const next = put(list[step], rest);
      if (next === undefined && rest.length === 0) list.splice(step, 1);
      else list[step] = next;
      return list;
    }
    const object: Record<string, unknown> = { ...(typeof node === 'object' && node !== null ? node : {}) };
    const next = put(object[step], rest);
    if (next === undefined) delete object[step];
    else object[step] = next;
    return object;
  };
  return put(root, parsePath(path));
}

export function getAt(root: unknown, path: string): unknown {
  return parsePath(path).reduce<unknown>((node, step) => fieldOf(node, String(step)), root);
}

/** Issues that belong to the field at `path`: its own, and those inside it (a list's entries). */
export function issuesAt(issues: readonly Issue[], path: string): Issue[] {
  return issues.filter((issue) => issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`));
}

/** An id not yet in `taken`: "new-drink", "new-drink-2"… */
export function freeId(stem: string, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((entry) => entry.id));
  let id = stem;
  for (let n = 2; ids.has(id); n += 1) id = `${stem}-${n}`;
  return id;
}

export function addItem(draft: Draft): Draft {
  const item: MenuItem = { id: freeId('new-drink', draft.items), name: { zh: '', en: '' }, aliases: [], prices: {} };
  const category = draft.items.at(-1)?.category;
  return { ...draft, items: [...draft.items, category ? { ...item, category } : item] };
}

export function addTopping(draft: Draft): Draft {
  const topping: MenuTopping = { id: freeId('new-topping', draft.toppings), name: { zh: '', en: '' }, aliases: [], price: 0 };
  return { ...draft, toppings: [...draft.toppings, topping] };
}

/** Removing a topping also takes it out of every drink's allowed and included lists. */
export function removeTopping(draft: Draft, index: number): Draft {
  const id = draft.toppings[index]?.id;
  const without = (list: string[] | undefined) => list?.filter((entry) => entry !== id);
  return {
    ...draft,
    toppings: draft.toppings.filter((_, i) => i !== index),
    items: draft.items.map((item) => {
      const next = { ...item };
      if (item.toppings) next.toppings = without(item.toppings)!;
      if (item.includes) next.includes = without(item.includes)!;
      return next;
    }),
  };
}

/** "珍珠, 波霸、boba" → ["珍珠", "波霸", "boba"]. */
export function parseAliases(text: string): string[] {
  return text
    .split(/[,，、;；]/)
    .map((alias) => alias.trim())
    .filter(Boolean);
}

/** "15" or "15.5" (yuan) → fen; empty → undefined (no such size); anything else is kept as typed, for the check to name. */
export function parseYuan(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return trimmed;
  return Math.round(Number(trimmed) * 100);
}

/** A price field's text: yuan without the sign ("18", "18.50"); what the owner typed if it is not a number yet. */
export function priceFieldText(fen: unknown): string {
  if (typeof fen !== 'number') return typeof fen === 'string' ? fen : '';
  return formatYuan(fen, { symbol: false, cents: 'if-any' });
}

/** What an import must look like before the editor can show it (the check then names every problem in it). */
export function isEditable(input: unknown): input is Draft {
  const listOfObjects = (value: unknown) => Array.isArray(value) && value.every((entry) => typeof entry === 'object' && entry !== null);
  const toppings = fieldOf(input, 'toppings');
  return listOfObjects(fieldOf(input, 'items')) && listOfObjects(fieldOf(input, 'sizes')) && (toppings === undefined || listOfObjects(toppings));
}
