import type { LineProblemCode } from '../menu/pricing.ts';

/** The 422 codes pricing can give a cart or an order line (the sold-out 409 is listed apart). */
export const LINE_ERROR_CODES = [
  'unknown_item',
  'size_not_offered',
  'cold_only',
  'ice_not_allowed',
  'sugar_not_allowed',
  'unknown_topping',
  'topping_not_allowed',
  'duplicate_topping',
  'too_many_toppings',
  'quantity_out_of_range',
  'too_many_lines',
] satisfies (Exclude<LineProblemCode, 'item_sold_out'> | 'too_many_lines')[];
