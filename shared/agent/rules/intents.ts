import type { Ice, Size, Sugar } from '../../menu/menu.ts';

/** One drink as the customer described it; fields they did not mention are absent. */
export type DrinkSpec = {
  itemId?: string;
  size?: Size;
  sugar?: Sugar;
  ice?: Ice;
  addToppings: string[];
  removeToppings: string[];
  noToppings: boolean;
  quantity?: number;
  /** Said but impossible: 0, 半杯, -1, 21 cups; asked about, never clamped. */
  badQuantity?: number;
  /** 小杯 / 超大杯: the shop has M and L only. */
  badSize?: 'small' | 'xl';
  /** A sugar percentage that is not a level (e.g. 40%). */
  badSugar?: number;
  /** Two temperatures at once (热的…去冰): ask which. */
  iceConflict?: Ice[];
};

/** Which cart line a change means. */
export type LineRef =
  | { kind: 'implicit' }
  | { kind: 'index'; n: number }
  | { kind: 'last' }
  | { kind: 'item'; itemId: string }
  | { kind: 'topping'; toppingId: string }
  | { kind: 'all' };

export type Intent =
  | { type: 'order'; drinks: DrinkSpec[] }
  | { type: 'modify'; target: LineRef; changes: DrinkSpec; splitOff?: number }
  | { type: 'remove'; target: LineRef }
  | { type: 'cancel_last' }
  | { type: 'clear' }
  | { type: 'checkout' }
  | { type: 'place' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'menu' }
  | { type: 'price'; drink: DrinkSpec | null }
  | { type: 'recommend'; hot: boolean }
  | { type: 'hot_question'; itemId: string | null }
  | { type: 'ask_item'; itemIds: string[] }
  | { type: 'status'; pickupCode?: string; orderId?: string }
  | { type: 'cart' }
  | { type: 'greet' }
  | { type: 'thanks' }
  | { type: 'repeat'; quantity: number | null; badQuantity?: number; changes?: DrinkSpec }
  | { type: 'hold' }
  | { type: 'refuse_price' }
  | { type: 'toppings' }
  | { type: 'which_item'; drink: DrinkSpec }
  | { type: 'number'; value: number }
  | { type: 'line_ref'; target: LineRef }
  | { type: 'did_you_mean'; corrected: string; kind: 'item' | 'topping'; id: string }
  | { type: 'off_topic'; injection: boolean };

export type ParsedUtterance = { intents: Intent[]; normalized: string };
