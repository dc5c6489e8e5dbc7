import { type CodeOf, errorCatalog } from '../error-catalog.ts';

/**
 * The codes the order domain answers with: orders, the menu and its pricing, sessions and
 * reports (shared/orders, shared/menu, shared/sessions, shared/reports) and the order
 * function's routes.
 */
export const ORDER_ERRORS = errorCatalog({
  invalid_idempotency_key: 400,
  invalid_range: 400,
  range_too_long: 400,
  order_not_found: 404,
  session_not_found: 404,
  item_not_found: 404,
  // A line the menu refuses (pricing.ts findLineProblem): sold out is a conflict with today's
  // state, every other rule a line that can never be priced.
  item_sold_out: 409,
  unknown_item: 422,
  size_not_offered: 422,
  cold_only: 422,
  ice_not_allowed: 422,
  sugar_not_allowed: 422,
  unknown_topping: 422,
  topping_not_allowed: 422,
  duplicate_topping: 422,
  too_many_toppings: 422,
  quantity_out_of_range: 422,
  too_many_lines: 422,
  empty_order: 422,
  empty_cart: 422,
  draft_incomplete: 422,
  invalid_menu: 422,
  version_conflict: 409,
  total_changed: 409,
  invalid_transition: 409,
  idempotency_key_reused: 409,
});

export type OrderErrorCode = CodeOf<typeof ORDER_ERRORS>;
