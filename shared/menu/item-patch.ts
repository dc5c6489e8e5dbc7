import * as v from 'valibot';
import type { MenuDefinition, MenuItem } from './menu-types.ts';

// PATCH /menu/items/:id: one drink's prices, names, aliases, rules or availability. Only the
// shape is checked here; the changed menu is checked as a whole (menu-file-schema.ts), so a
// patch can never make a menu that a file could not be.

const Name = v.object({ zh: v.string(), en: v.string() });
const Ids = v.pipe(v.array(v.string()), v.maxLength(100));

export const MenuItemPatchSchema = v.strictObject({
  /** The menu version the change was made on: a stale one is refused (409). */
  version: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** Merged into the drink's prices; null takes a size off this drink. */
  prices: v.optional(v.record(v.pipe(v.string(), v.maxLength(64)), v.nullable(v.number()))),
  name: v.optional(Name),
  aliases: v.optional(v.pipe(v.array(v.string()), v.maxLength(30))),
  category: v.optional(v.nullable(Name)),
  /** null: every one of the shop's levels (the file leaves the field out). */
  sugar: v.optional(v.nullable(v.pipe(v.array(v.number()), v.maxLength(20)))),
  ice: v.optional(v.nullable(Ids)),
  toppings: v.optional(v.nullable(Ids)),
  includes: v.optional(v.nullable(Ids)),
  note: v.optional(v.nullable(Name)),
  available: v.optional(v.boolean()),
});
export type MenuItemPatch = v.InferOutput<typeof MenuItemPatchSchema>;

/** True when the patch changes the menu itself (not only today's availability). */
export function changesDefinition(patch: MenuItemPatch): boolean {
  return Object.keys(patch).some((key) => key !== 'available' && key !== 'version');
}

/** The menu with one drink changed; the caller validates the result. */
export function applyItemPatch(menu: MenuDefinition, itemId: string, patch: MenuItemPatch): MenuDefinition {
  return { ...menu, items: menu.items.map((item) => (item.id === itemId ? patchedItem(item, patch) : item)) };
}

/** The fields a patch may take off a drink with null (the file then leaves them out). */
type ClearableField = 'category' | 'sugar' | 'ice' | 'toppings' | 'includes' | 'note';

function patchedItem(item: MenuItem, patch: MenuItemPatch): MenuItem {
  const next: MenuItem = { ...item };
  if (patch.name) next.name = patch.name;
  if (patch.aliases) next.aliases = patch.aliases;
  const set = <K extends ClearableField>(key: K, value: MenuItem[K] | null | undefined) => {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  };
  set('category', patch.category);
  set('sugar', patch.sugar);
  set('ice', patch.ice);
  set('toppings', patch.toppings);
  set('includes', patch.includes);
  set('note', patch.note);
  if (patch.prices) {
    const merged: Record<string, number> = { ...item.prices };
    for (const [size, price] of Object.entries(patch.prices)) {
      if (price === null) delete merged[size];
      else merged[size] = price;
    }
    next.prices = merged;
  }
  return next;
}
