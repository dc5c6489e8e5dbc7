import * as v from 'valibot';
import { IceSchema, IdSchema, QuantitySchema, SizeSchema, SugarSchema, ToppingIdsSchema } from '../../menu/line-schema.ts';
import { MAX_LINES_SHAPE } from '../../menu/line-schema.ts';

// The one set of agent tools: the LLM gets them as OpenAI `tools` (openai-tools.ts), the rule
// engine calls them by name, and tool-runner.ts executes both against the turn's state.

const ItemIdSchema = v.pipe(IdSchema, v.description('menu item id (see show_menu)'));
const ToppingsSchema = v.pipe(ToppingIdsSchema, v.description('topping ids; at most the menu’s limit of different toppings, one portion each'));
const Size = v.pipe(SizeSchema, v.description('a size id of the menu; each drink comes in the sizes its prices list'));
const Sugar = v.pipe(SugarSchema, v.description('a sugar level id of the menu (a percent)'));
const Ice = v.pipe(IceSchema, v.description('an ice level id of the menu (warm or hot only where the drink allows)'));
const Quantity = v.pipe(QuantitySchema, v.description('cups of this drink, 1 up to the menu’s limit'));
const LineNumberSchema = v.pipe(
  v.number('line must be a number'),
  v.integer('line must be a whole number'),
  v.minValue(1, 'line numbers start at 1'),
  v.maxValue(MAX_LINES_SHAPE, `line must be 1..${MAX_LINES_SHAPE}`),
  v.description('1-based cart line number as shown by show_cart; omit for the last line'),
);
const PickupCodeSchema = v.pipe(
  v.string('pickupCode must be a string'),
  v.regex(/^\d{1,6}$/, 'pickupCode is the number on the receipt, e.g. "12"'),
  v.description('the pickup number, e.g. "12"'),
);

const lineChanges = {
  itemId: v.optional(ItemIdSchema),
  size: v.optional(Size),
  sugar: v.optional(Sugar),
  ice: v.optional(Ice),
  toppings: v.optional(v.pipe(ToppingsSchema, v.description('replaces all toppings; [] for none'))),
  addToppings: v.optional(v.pipe(ToppingIdsSchema, v.description('topping ids to add'))),
  removeToppings: v.optional(v.pipe(ToppingIdsSchema, v.description('topping ids to remove'))),
  quantity: v.optional(Quantity),
};

export const TOOL_SCHEMAS = {
  show_menu: v.object({}),
  quote_price: v.object({ itemId: ItemIdSchema, size: v.optional(Size), toppings: v.optional(ToppingsSchema), quantity: v.optional(Quantity) }),
  add_item: v.object({
    itemId: ItemIdSchema,
    size: v.optional(Size),
    sugar: v.optional(Sugar),
    ice: v.optional(Ice),
    toppings: v.optional(ToppingsSchema),
    quantity: v.optional(Quantity),
  }),
  update_draft: v.object(lineChanges),
  cancel_draft: v.object({}),
  update_line: v.object({ line: v.optional(LineNumberSchema), ...lineChanges }),
  remove_line: v.object({ line: v.optional(LineNumberSchema) }),
  clear_cart: v.object({}),
  show_cart: v.object({}),
  checkout: v.object({}),
  cancel_checkout: v.object({}),
  confirm_order: v.object({}),
  lookup_order: v.object({
    pickupCode: v.optional(PickupCodeSchema),
    orderId: v.optional(v.pipe(IdSchema, v.description('an order id, if the customer has one instead of a pickup number'))),
  }),
} as const;

export type ToolName = keyof typeof TOOL_SCHEMAS;
/** What a handler receives: the arguments after the schema check. */
export type ToolArgs<N extends ToolName> = v.InferOutput<(typeof TOOL_SCHEMAS)[N]>;
/** What a caller passes in, before the schema check. */
export type ToolInput<N extends ToolName> = v.InferInput<(typeof TOOL_SCHEMAS)[N]>;
export type ToolDefinition = { name: ToolName; description: string; schema: (typeof TOOL_SCHEMAS)[ToolName] };

const DESCRIPTIONS: Record<ToolName, string> = {
  show_menu:
    'List the menu: every drink with its id, names, prices per size (CNY), whether it can be hot, allowed sugar levels and whether it is available today; plus toppings with prices. Use it for "what do you have" and recommendations (recommend only available drinks).',
  quote_price:
    'Price of one drink as the shop computes it (size price plus toppings), for price questions. Without size, quotes both sizes. Does not change the order.',
  add_item:
    'Add a drink to the order. With size, sugar and ice all given it becomes a cart line; otherwise it becomes the drink being specified (the draft, replacing any previous draft) and the result lists what is still missing: ask the customer for all of it in one question. Never send prices.',
  update_draft:
    'Set or change options of the drink being specified (the draft), e.g. after asking for its missing size/sugar/ice. When nothing is missing any more it moves into the cart.',
  cancel_draft: 'Drop the drink being specified (the customer changed their mind about it). Cart lines stay.',
  update_line:
    'Change a drink already in the cart: size, sugar, ice, quantity, toppings, or swap it for another drink keeping the other options. `line` is the 1-based number from show_cart; omit it for the last line.',
  remove_line: 'Remove one cart line (1-based number; omit for the last line).',
  clear_cart: 'Remove every line and the draft. Only after the customer explicitly agreed to empty the whole order.',
  show_cart: 'Show the numbered cart lines with unit and line prices, the total, the draft and the order state.',
  checkout:
    'The customer is done ordering: returns every line and the total to read back, and moves the order to confirming. Refuses an empty cart or a drink still missing options (says what is missing). After reading back, ask the customer to confirm.',
  cancel_checkout: 'The customer did not accept the read-back (wants to change something): return from confirming to collecting.',
  confirm_order:
    'Place the order. Only after checkout read the order back and the customer clearly said yes. The pickup number is added by the system afterwards; do not invent one.',
  lookup_order:
    "Status of an order (placed, preparing, ready, completed, cancelled), its queue position and wait, by pickup number or order id; with neither, the customer's own last order. Never guess a status.",
};

const NAMES = new Set<string>(Object.keys(TOOL_SCHEMAS));
export function isToolName(name: string): name is ToolName {
  return NAMES.has(name);
}

export const TOOL_DEFINITIONS: readonly ToolDefinition[] = Object.keys(TOOL_SCHEMAS)
  .filter(isToolName)
  .map((name) => ({ name, description: DESCRIPTIONS[name], schema: TOOL_SCHEMAS[name] }));
