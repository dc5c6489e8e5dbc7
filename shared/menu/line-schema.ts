import * as v from 'valibot';

// The shape of one drink as clients (and the agent's tools) send it. Ids are checked against
// the live menu by pricing (which drink, which sizes, sugar and ice it allows, the menu's
// limits), not here: this only bounds the shape.

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const IdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
/** An id of one of the menu's option lists: only its shape here; pricing checks the menu has it. */
const optionIdSchema = (message: string) => v.pipe(v.string(message), v.regex(ID_RE, message));
export const SizeSchema = optionIdSchema('size must be a size id of the menu, e.g. "M"');
export const SugarSchema = v.pipe(
  v.number('sugar must be a sugar percent of the menu, e.g. 50'),
  v.integer('sugar must be a whole percent'),
  v.minValue(0, 'sugar must be 0..100'),
  v.maxValue(100, 'sugar must be 0..100'),
);
export const IceSchema = optionIdSchema('ice must be an ice id of the menu, e.g. "light"');
/** Shape bound only: the menu's own maxQuantity is checked by pricing. */
export const QuantitySchema = v.pipe(
  v.number('quantity must be a number'),
  v.integer('quantity must be a whole number'),
  v.minValue(1, 'quantity must be at least 1'),
  v.maxValue(99, 'quantity must be at most 99'),
);
export const ToppingIdsSchema = v.pipe(v.array(IdSchema), v.maxLength(10, 'too many toppings'));
/** Shape bound only: the menu's own maxLines is checked by pricing. */
export const MAX_LINES_SHAPE = 50;

export const LineInputSchema = v.object({
  itemId: IdSchema,
  size: SizeSchema,
  sugar: SugarSchema,
  ice: IceSchema,
  toppings: v.optional(ToppingIdsSchema, []),
  quantity: v.optional(QuantitySchema, 1),
});

/** A line as a client may send it (toppings and quantity optional). */
export type LineInput = v.InferInput<typeof LineInputSchema>;
/** A line after the schema check (defaults filled in). */
export type ValidLine = v.InferOutput<typeof LineInputSchema>;

export const LinesSchema = v.pipe(
  v.array(LineInputSchema),
  v.minLength(1, 'an order needs at least one line'),
  v.maxLength(MAX_LINES_SHAPE, `at most ${MAX_LINES_SHAPE} lines`),
);
