import { createCatalog, WARM_ICE_IDS, type Availability, type Catalog } from './catalog.ts';
import type { IceId, LocalizedName, MenuDefinition, MenuItem, MenuLimits, MenuOption, SizeId, SugarId, ToppingId } from './menu-types.ts';

/** One drink as GET /menu shows it: the file's fields with every per-drink list resolved, plus today's availability. */
export type MenuItemView = MenuItem & {
  sugar: SugarId[];
  ice: IceId[];
  toppings: ToppingId[];
  includes: ToppingId[];
  available: boolean;
  /** Kept for the clients that read it: true when the drink can be made warm. */
  hotAllowed: boolean;
  /** Kept for the clients that read it: the same as `sugar`. */
  sugarLevels: SugarId[];
};

export type MenuResponse = {
  version: number;
  shop?: { name: LocalizedName };
  currency: string;
  items: MenuItemView[];
  sizes: MenuOption<SizeId>[];
  sugar: MenuOption<SugarId>[];
  ice: MenuOption<IceId>[];
  toppings: { id: ToppingId; name: LocalizedName; aliases: string[]; price: number }[];
  limits: MenuLimits;
  /** Kept for the clients that read them: the shop's sugar and ice levels. */
  sugarLevels: { value: SugarId; name: LocalizedName }[];
  iceLevels: { id: IceId; name: LocalizedName }[];
};

/** GET /menu: the live menu version with today's availability. */
export function buildMenuResponse(catalog: Catalog): MenuResponse {
  const { definition } = catalog;
  return {
    version: catalog.version,
    ...(definition.shop ? { shop: definition.shop } : {}),
    currency: catalog.currency,
    items: definition.items.map((item) => {
      const sugar = catalog.sugarOf(item);
      const ice = catalog.iceOf(item);
      return {
        ...item,
        sugar,
        ice,
        toppings: catalog.toppingsOf(item),
        includes: item.includes ?? [],
        available: !catalog.isSoldOut(item.id),
        hotAllowed: ice.some((id) => WARM_ICE_IDS.includes(id)),
        sugarLevels: sugar,
      };
    }),
    sizes: definition.sizes,
    sugar: definition.sugar,
    ice: definition.ice,
    toppings: definition.toppings.map(({ id, name, aliases, price }) => ({ id, name, aliases, price })),
    limits: definition.limits,
    sugarLevels: definition.sugar.map(({ id, name }) => ({ value: id, name })),
    iceLevels: definition.ice.map(({ id, name }) => ({ id, name })),
  };
}

/** Availability as seen by clients of GET /menu (the agent reads it this way). */
function availabilityFromMenu(menu: Pick<MenuResponse, 'items'>): Availability {
  const soldOut = new Set(menu.items.filter((item) => !item.available).map((item) => item.id));
  return { isSoldOut: (itemId) => soldOut.has(itemId) };
}

const compiled = new WeakMap<MenuResponse, Catalog>();

/** The catalog behind a GET /menu answer (the chat function's view of the live menu); compiled once per answer. */
export function catalogFromMenu(menu: MenuResponse): Catalog {
  const cached = compiled.get(menu);
  if (cached) return cached;
  const definition: MenuDefinition = {
    version: menu.version,
    ...(menu.shop ? { shop: menu.shop } : {}),
    currency: menu.currency,
    sizes: menu.sizes,
    sugar: menu.sugar,
    ice: menu.ice,
    toppings: menu.toppings,
    limits: menu.limits,
    items: menu.items.map(({ available: _available, hotAllowed: _hot, sugarLevels: _sugar, ...item }) => item),
  };
  const catalog = createCatalog(definition, availabilityFromMenu(menu));
  compiled.set(menu, catalog);
  return catalog;
}
