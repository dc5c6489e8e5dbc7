import type { LineProblemCode } from '../../menu/pricing.ts';

/** Every code a tool can fail with: the menu rules from pricing plus the cart and flow rules of the runner. */
export type ToolErrorCode =
  | LineProblemCode
  | 'unknown_tool'
  | 'invalid_arguments'
  | 'order_placed'
  | 'too_many_lines'
  | 'topping_not_on_drink'
  | 'empty_cart'
  | 'no_such_line'
  | 'no_draft'
  | 'draft_incomplete'
  | 'not_confirming'
  | 'already_placed'
  | 'no_order_reference'
  | 'lookup_unavailable'
  | 'not_read_back'
  | 'read_back_stale'
  | 'not_a_clear_yes';

export type ToolError = { code: ToolErrorCode; message: string };
export type ToolFailure = { ok: false; error: ToolError };
