import type { ToolErrorCode } from '../tools/tool-errors.ts';
import { PHRASES } from './rule-replies.ts';

type Sentence = { zh: string; en: string };
/** What the rule reply knows when a tool refused: the drink's name, if one drink was meant. */
export type ErrorContext = { name?: string };

const notUnderstood = () => PHRASES.notUnderstood;

/** The offline agent's sentence for each tool error; a new code does not compile until it has one. */
export const TOOL_ERROR_REPLIES = {
  item_sold_out: ({ name }) =>
    name
      ? { zh: `抱歉，${name}今天卖完了。`, en: `Sorry, ${name} is sold out today.` }
      : { zh: '抱歉，您点的饮品中有一款刚刚卖完了，请修改一下。', en: 'Sorry, one of your drinks just sold out; please change it.' },
  cold_only: ({ name }) => ({ zh: `${name}只做冷饮，不能做热的。`, en: `${name} is cold only, it can't be hot.` }),
  too_many_toppings: () => PHRASES.tooManyToppings,
  size_not_offered: ({ name }) => {
    const { zh, en } = PHRASES.sizes;
    return { zh: `${name ? `${name}：` : ''}${zh}`, en: `${name ? `${name}: ` : ''}${en}` };
  },
  ice_not_allowed: ({ name }) => ({ zh: `${name ?? '这款'}不能选这个冰量。`, en: `${name ?? 'That drink'} can't have that ice level.` }),
  topping_not_allowed: ({ name }) => ({ zh: `${name ?? '这款'}不能加这种小料。`, en: `${name ?? 'That drink'} can't have that topping.` }),
  too_many_lines: () => PHRASES.tooManyLines,
  already_placed: () => PHRASES.alreadyPlaced,
  no_order_reference: () => PHRASES.askPickupCode,
  lookup_unavailable: () => PHRASES.lookupUnavailable,
  not_read_back: () => PHRASES.confirmQuestion,
  read_back_stale: () => PHRASES.confirmQuestion,
  not_a_clear_yes: () => PHRASES.confirmQuestion,
  // Codes the rule engine answers case by case where it can (or that it never provokes):
  sugar_not_allowed: notUnderstood,
  topping_not_on_drink: notUnderstood,
  draft_incomplete: notUnderstood,
  empty_cart: notUnderstood,
  not_confirming: notUnderstood,
  unknown_item: notUnderstood,
  unknown_topping: notUnderstood,
  duplicate_topping: notUnderstood,
  quantity_out_of_range: notUnderstood,
  unknown_tool: notUnderstood,
  invalid_arguments: notUnderstood,
  order_placed: notUnderstood,
  no_such_line: notUnderstood,
  no_draft: notUnderstood,
} satisfies Record<ToolErrorCode, (context: ErrorContext) => Sentence>;

export function toolErrorReply(code: ToolErrorCode, context: ErrorContext = {}): Sentence {
  return TOOL_ERROR_REPLIES[code](context);
}
