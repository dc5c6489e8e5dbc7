import * as v from 'valibot';
import { ICE_LEVELS, LIMITS, SIZES, SUGAR_LEVELS } from './menu.ts';

// The shape of one drink as clients (and the agent's tools) send it. Menu rules that need the
// menu itself (cold-only, sugar per item, topping limits) are checked by pricing, not here.

export const SizeSchema = v.picklist(SIZES, 'size must be M or L');
export const SugarSchema = v.picklist(SUGAR_LEVELS, 'sugar must be one of 100, 70, 50, 30, 0');
export const IceSchema = v.picklist(ICE_LEVELS, 'ice must be one of regular, light, none, room, hot');
export const QuantitySchema = v.pipe(
  v.number('quantity must be a number'),
  v.integer('quantity must be a whole number'),
  v.minValue(LIMITS.minQuantity, `quantity must be ${LIMITS.minQuantity}..${LIMITS.maxQuantity}`),
  v.maxValue(LIMITS.maxQuantity, `quantity must be ${LIMITS.minQuantity}..${LIMITS.maxQuantity}`),
);
export const IdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
export const ToppingIdsSchema = v.pipe(v.array(IdSchema), v.maxLength(10, 'too many toppings'));

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
  v.maxLength(LIMITS.maxLines, `at most ${LIMITS.maxLines} lines`),
);
