// The shape of a shop's menu (DESIGN.md §4). Every id is data from the live menu: the types
// say "an id of this menu", and the menu itself (pricing, the schemas at the edge) says which.

export type LocalizedName = { zh: string; en: string };

/** A size id of the live menu ("M", "L", "XL" or the shop's own). */
export type SizeId = string;
/** A sugar id of the live menu: a percent, 0..100. */
export type SugarId = number;
/** An ice id of the live menu ("regular", "light", "extra", "hot"…). */
export type IceId = string;
export type ItemId = string;
export type ToppingId = string;

export type MenuOption<Id extends string | number> = { id: Id; name: LocalizedName; aliases: string[] };
export type MenuTopping = MenuOption<ToppingId> & { price: number };

export type MenuItem = {
  id: ItemId;
  name: LocalizedName;
  aliases: string[];
  category?: LocalizedName;
  /** The sizes this drink comes in, each with its price in fen. */
  prices: Record<SizeId, number>;
  /** Allowed sugar ids; absent = all of the shop's. */
  sugar?: SugarId[];
  /** Allowed ice ids; absent = all of the shop's. */
  ice?: IceId[];
  /** Allowed topping ids; absent = all, [] = none. */
  toppings?: ToppingId[];
  /** Toppings already in the drink. */
  includes?: ToppingId[];
  note?: LocalizedName;
};

export type MenuLimits = { maxToppings: number; maxQuantity: number; maxLines: number };

export type MenuDefinition = {
  version: number;
  shop?: { name: LocalizedName };
  currency: string;
  sizes: MenuOption<SizeId>[];
  sugar: MenuOption<SugarId>[];
  ice: MenuOption<IceId>[];
  toppings: MenuTopping[];
  limits: MenuLimits;
  items: MenuItem[];
};

export const DEFAULT_LIMITS: MenuLimits = { maxToppings: 3, maxQuantity: 20, maxLines: 20 };
/** The smallest quantity of a line, whatever the menu. */
export const MIN_QUANTITY = 1;
