import { defaultMenuDefinition } from '../menu/load-menu-file.ts';

// Examples in the documents come from the default menu's data (shared/menus/default.json),
// so no drink is named in code and the examples are always orderable on that menu.

const menu = defaultMenuDefinition();
const item = menu.items[0]!;
const sizes = Object.keys(item.prices);

/** One line of the default menu's first drink, in its largest size, with one topping. */
export const exampleLine = {
  itemId: item.id,
  size: sizes.at(-1)!,
  sugar: (item.sugar ?? menu.sugar.map((level) => level.id)).at(-1)!,
  ice: (item.ice ?? menu.ice.map((level) => level.id))[0]!,
  toppings: (item.toppings ?? menu.toppings.map((topping) => topping.id)).slice(0, 1),
  quantity: 2,
};

export const exampleItemId = item.id;
export const exampleItemName = item.name;
