import type { IceId, SizeId, SugarId } from '../../menu/menu-types.ts';

/** One drink as the customer described it; fields they did not mention are absent. */
export type DrinkSpec = {
  itemId?: string;
  size?: SizeId;
  sugar?: SugarId;
  ice?: IceId;
  addToppings: string[];
  removeToppings: string[];
  noToppings: boolean;
  quantity?: number;
  /** Said but impossible: 0, 半杯, -1, 21 cups; asked about, never clamped. */
  badQuantity?: number;
  /** "两三杯", "two or three": asked which, never picked. */
  quantityRange?: [number, number];
  /** A size word for a size this shop does not have (小杯 where there are only M and L). */
  badSize?: SizeId;
  /** A sugar percentage that is not a level (e.g. 40%). */
  badSugar?: number;
  /** Two temperatures at once (热的…去冰): ask which. */
  iceConflict?: IceId[];
};

/** Which cart line a change means. */
export type LineRef =
  | { kind: 'implicit' }
  | { kind: 'index'; n: number }
  | { kind: 'last' }
  | { kind: 'item'; itemId: string; said?: string }
  | { kind: 'topping'; toppingId: string }
  | { kind: 'all' };

export type Intent =
  | { type: 'order'; drinks: DrinkSpec[] }
  /** `swap`: "not the taro, the matcha"; with no such line, the drink named instead is ordered. */
  | { type: 'modify'; target: LineRef; changes: DrinkSpec; splitOff?: number; swap?: true }
  /** `cups`: that many cups come off the line ("少一杯", "remove one"); without it, the whole line. */
  | { type: 'remove'; target: LineRef; cups?: number }
  | { type: 'cancel_last' }
  | { type: 'clear' }
  | { type: 'checkout' }
  | { type: 'place' }
  | { type: 'yes' }
  | { type: 'no' }
  | { type: 'menu' }
  | { type: 'price'; drink: DrinkSpec | null }
  | { type: 'recommend'; hot: boolean }
  /** "what's the cheapest?": the available drinks at the lowest (or highest) price, as picks. */
  | { type: 'price_rank'; rank: 'cheapest' | 'dearest' }
  /**
   * "anything with cheese foam?", "有没有带芋圆的" (`search`): the drinks made with these toppings,
   * and that they can be added; "do you have pudding?" mid-order: yes, and it goes on the drink.
   */
  | { type: 'with_topping'; toppingIds: string[]; search: boolean }
  /** "something fruity?": the drinks of the menu category with this English name. */
  | { type: 'category'; category: string }
  /** `iced`: asked whether it can be cold ("能做冰的吗"), else whether it can be hot. */
  | { type: 'hot_question'; itemId: string | null; iced?: true }
  | { type: 'ask_item'; itemIds: string[] }
  /** "what's in the taro milk tea?", "杨枝甘露是什么": what the menu says of one drink. */
  | { type: 'describe_item'; itemId: string }
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
  | { type: 'off_topic'; injection: boolean }
  /** "what sizes do you have?", "甜度有哪些": the choices of one option. */
  | { type: 'list_options'; field: 'size' | 'sugar' | 'ice' }
  /** "is that with ice?": a question about the order, answered from it. */
  | { type: 'ask_option'; itemId?: string; asked: DrinkSpec }
  /** A drink named that this shop does not have ("来一杯杨枝甘露" at a shop without it). */
  | { type: 'not_on_menu'; heard: string };

/** `decidedBy`: the name of the intent classifier that read the message (classifiers.test.ts). */
export type ParsedUtterance = { intents: Intent[]; normalized: string; decidedBy?: string };
