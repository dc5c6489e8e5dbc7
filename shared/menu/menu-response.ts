import {
  ICE_LEVELS,
  ICE_NAMES,
  LIMITS,
  MENU_ITEMS,
  SIZES,
  SIZE_NAMES,
  SUGAR_LEVELS,
  SUGAR_NAMES,
  TOPPINGS,
  type Ice,
  type LocalizedName,
  type Size,
  type Sugar,
} from './menu.ts';
import type { Availability } from './pricing.ts';

export type MenuItemView = {
  id: string;
  name: LocalizedName;
  aliases: string[];
  prices: Record<Size, number>;
  hotAllowed: boolean;
  sugarLevels: Sugar[];
  available: boolean;
  note?: LocalizedName;
};

export type MenuResponse = {
  currency: 'CNY';
  items: MenuItemView[];
  toppings: { id: string; name: LocalizedName; price: number }[];
  sizes: { id: Size; name: LocalizedName }[];
  sugarLevels: { value: Sugar; name: LocalizedName }[];
  iceLevels: { id: Ice; name: LocalizedName }[];
  limits: { maxToppings: number; maxQuantity: number; maxLines: number };
};

/** GET /menu: the static menu with today's availability. */
export function buildMenuResponse(availability: Availability): MenuResponse {
  return {
    currency: 'CNY',
    items: MENU_ITEMS.map((item) => ({
      id: item.id,
      name: item.name,
      aliases: item.aliases,
      prices: item.prices,
      hotAllowed: item.hotAllowed,
      sugarLevels: [...item.sugarLevels],
      available: !availability.isSoldOut(item.id),
      ...(item.note ? { note: item.note } : {}),
    })),
    toppings: TOPPINGS.map(({ id, name, price }) => ({ id, name, price })),
    sizes: SIZES.map((id) => ({ id, name: SIZE_NAMES[id] })),
    sugarLevels: SUGAR_LEVELS.map((value) => ({ value, name: SUGAR_NAMES[value] })),
    iceLevels: ICE_LEVELS.map((id) => ({ id, name: ICE_NAMES[id] })),
    limits: { maxToppings: LIMITS.maxToppings, maxQuantity: LIMITS.maxQuantity, maxLines: LIMITS.maxLines },
  };
}

/** Availability as seen by clients of GET /menu (the agent reads it this way). */
export function availabilityFromMenu(menu: Pick<MenuResponse, 'items'>): Availability {
  const soldOut = new Set(menu.items.filter((item) => !item.available).map((item) => item.id));
  return { isSoldOut: (itemId) => soldOut.has(itemId) };
}
