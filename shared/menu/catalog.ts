import type { IceId, ItemId, MenuDefinition, MenuItem, MenuLimits, MenuOption, MenuTopping, SizeId, SugarId, ToppingId } from './menu-types.ts';

/** Items sold out today (staff's switch); the order service reads it from the database. */
export type Availability = { isSoldOut(itemId: ItemId): boolean };
const ALL_AVAILABLE: Availability = { isSoldOut: () => false };

/**
 * The live menu, compiled for lookups: what pricing, the agent and the pages ask of a menu.
 * Per-drink lists are resolved (an absent list means "all of the shop's") and keep the shop's
 * order, so "the sizes this drink comes in" reads the same everywhere.
 */
export type Catalog = {
  version: number;
  definition: MenuDefinition;
  currency: string;
  limits: MenuLimits;
  items: readonly MenuItem[];
  sizes: readonly MenuOption<SizeId>[];
  sugar: readonly MenuOption<SugarId>[];
  ice: readonly MenuOption<IceId>[];
  toppings: readonly MenuTopping[];
  availability: Availability;
  item(id: ItemId): MenuItem | undefined;
  topping(id: ToppingId): MenuTopping | undefined;
  size(id: SizeId): MenuOption<SizeId> | undefined;
  sugarLevel(id: SugarId): MenuOption<SugarId> | undefined;
  iceLevel(id: IceId): MenuOption<IceId> | undefined;
  sizesOf(item: MenuItem): SizeId[];
  sugarOf(item: MenuItem): SugarId[];
  iceOf(item: MenuItem): IceId[];
  toppingsOf(item: MenuItem): ToppingId[];
  isSoldOut(itemId: ItemId): boolean;
};

export function createCatalog(definition: MenuDefinition, availability: Availability = ALL_AVAILABLE): Catalog {
  const byId = <T extends { id: string | number }>(list: readonly T[]) => new Map(list.map((entry) => [entry.id, entry]));
  const items = byId(definition.items);
  const toppings = byId(definition.toppings);
  const sizes = byId(definition.sizes);
  const sugar = byId(definition.sugar);
  const ice = byId(definition.ice);
  const inShopOrder = <T extends string | number>(all: readonly { id: T }[], allowed: readonly T[] | undefined): T[] =>
    allowed === undefined ? all.map((option) => option.id) : all.map((option) => option.id).filter((id) => allowed.includes(id));
  return {
    version: definition.version,
    definition,
    currency: definition.currency,
    limits: definition.limits,
    items: definition.items,
    sizes: definition.sizes,
    sugar: definition.sugar,
    ice: definition.ice,
    toppings: definition.toppings,
    availability,
    item: (id) => items.get(id),
    topping: (id) => toppings.get(id),
    size: (id) => sizes.get(id),
    sugarLevel: (id) => sugar.get(id),
    iceLevel: (id) => ice.get(id),
    sizesOf: (item) => definition.sizes.map((size) => size.id).filter((id) => item.prices[id] !== undefined),
    sugarOf: (item) => inShopOrder(definition.sugar, item.sugar),
    iceOf: (item) => inShopOrder(definition.ice, item.ice),
    toppingsOf: (item) => inShopOrder(definition.toppings, item.toppings),
    isSoldOut: (itemId) => availability.isSoldOut(itemId),
  };
}

/** Ice ids that mean a warm drink, in the shared vocabulary: an item without them is cold only. */
export const WARM_ICE_IDS: readonly IceId[] = ['hot', 'warm'];
