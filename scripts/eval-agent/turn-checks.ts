import { amountsIn } from '../../shared/agent/heard-total.ts';
import { classifyConfirmationReply } from '../../shared/agent/language/confirmation-reply.ts';
import { expectedOrderCount, type ScoredCase } from '../../shared/testing/case-judge.ts';
import type { TurnRecord } from './run-conversation.ts';

// What reached the customer, turn by turn, measured from the chat's answers (not from what the
// server's guards say they did): orders placed without a clear yes, and totals heard that the
// server did not compute. Plus what the guards caught, from the turn runner's log lines.

const NOT_A_YES = new Set(['no', 'hesitation', 'question', 'change']);

/**
 * Turns that placed an order the conversation never clearly accepted: one more order than the
 * case expects, or one placed on a message the confirmation classifier reads as a no, a wait, a
 * question or a change.
 */
export function placementsWithoutClearYes(c: ScoredCase, turns: readonly TurnRecord[]): number[] {
  const expected = expectedOrderCount(c);
  let placed = 0;
  const found: number[] = [];
  turns.forEach((turn, index) => {
    if (!turn.response?.order) return;
    placed += 1;
    if (placed > expected || NOT_A_YES.has(classifyConfirmationReply(turn.message))) found.push(index);
  });
  return found;
}

/**
 * Whether a reply told the customer a total the server did not compute. Checked on turns with
 * something to total (a cart, or the order just placed): every amount named must be one of the
 * server's figures for it (the total, a line's unit or line price) or a menu price, and a turn
 * that reads the order back (it now waits for a yes, on a cart it did not wait on before) must
 * name the server's total.
 */
export function heardWrongTotal(turn: TurnRecord, previous: TurnRecord | undefined, prices: ReadonlySet<number>): boolean {
  const response = turn.response;
  if (!response) return false;
  const lines = [...response.cart.lines, ...(response.order?.lines ?? [])];
  if (lines.length === 0) return false;
  const totals = [response.cart.total, ...(response.order ? [response.order.total] : [])].filter((total) => total > 0);
  const allowed = new Set([...totals, ...lines.flatMap((line) => [line.unitPrice, line.lineTotal]), ...prices]);
  const stated = amountsIn(turn.reply);
  if (stated.some((amount) => !allowed.has(amount))) return true;
  const before = previous?.response;
  const readBack =
    response.state === 'confirming' && !response.order && (before?.state !== 'confirming' || JSON.stringify(before.cart) !== JSON.stringify(response.cart));
  return readBack && !stated.includes(response.cart.total);
}

/** The turn runner refused a confirm_order (no read-back before, or not a yes). */
export const refusedConfirms = (turn: TurnRecord) => turn.events.filter((event) => event.msg === 'confirm_order refused').length;

/** The server replaced a reply whose amount was not its own (read-back or quote). */
export const replacedAmounts = (turn: TurnRecord) =>
  turn.events.filter((event) => event.msg === 'a reply with another amount was replaced by the server’s').length;
