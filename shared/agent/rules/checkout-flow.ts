import { missingDraftFields } from '../../sessions/session-types.ts';
import { PHRASES, askMissing, listLines } from '../replies/rule-replies.ts';
import { LINE_ERROR_CODES } from '../../openapi/line-error-codes.ts';
import { toolErrorReply } from '../replies/tool-error-replies.ts';
import { speakYuan, type LineData, type Turn } from './rule-turn.ts';

// Checkout, the read-back and placing: the order is placed only by a yes to a read-back.

export async function readBack(turn: Turn, data: { lines: LineData[]; total: string }, question: boolean) {
  turn.say(turn.t('您点了：', 'You have: '));
  turn.say(listLines(data.lines, turn.lang) + turn.t('。', '.'));
  turn.say(turn.t(`合计${speakYuan(data.total)}。`, `Total ${speakYuan(data.total)}.`));
  if (question) turn.say(PHRASES.confirmQuestion);
}

export async function checkout(turn: Turn): Promise<void> {
  const result = await turn.run('checkout');
  if (result.ok) return readBack(turn, result.data, true);
  if (result.error.code === 'draft_incomplete') {
    const draft = turn.state.draft!;
    const missing = missingDraftFields(draft);
    if (missing.includes('itemId')) return turn.say(turn.t('还有一杯没说是什么饮品，请问要哪款？', 'One drink still needs a name: which drink is it?'));
    turn.say(turn.t('结账前还差一点：', 'Before checkout: '));
    return turn.say(askMissing(draft, missing, turn.lang));
  }
  if (result.error.code === 'empty_cart') return turn.say(turn.state.state === 'placed' ? PHRASES.alreadyPlaced : PHRASES.nothingToConfirm);
  // A line the menu no longer takes as it is (the owner changed the menu): the server's note names it with a choice.
  if (LINE_ERROR_CODES.some((code) => code === result.error.code)) return turn.say(PHRASES.beforeCheckout);
  turn.say(toolErrorReply(result.error.code));
}

export async function confirm(turn: Turn): Promise<void> {
  const result = await turn.run('confirm_order');
  if (result.ok) return turn.say(PHRASES.thanksPlaced);
  // Not read back yet, or the order or a price changed since: read it back (again) first.
  if (result.error.code === 'not_confirming' || result.error.code === 'read_back_stale') return checkout(turn);
  turn.say(toolErrorReply(result.error.code));
}

export async function yes(turn: Turn): Promise<void> {
  const { state } = turn;
  if (state.state === 'confirming' || (state.state === 'placed' && state.cart.length === 0)) return confirm(turn);
  if (state.draft) return turn.say(askMissing(state.draft, missingDraftFields(state.draft), turn.lang));
  if (state.cart.length) return checkout(turn);
  turn.say(PHRASES.nothingToConfirm);
}

export async function showCart(turn: Turn) {
  const result = await turn.run('show_cart');
  if (!result.ok) return turn.say(PHRASES.notUnderstood);
  const { data } = result;
  if (data.lines.length === 0 && !turn.state.draft) return turn.say(PHRASES.emptyCart);
  if (data.lines.length) await readBack(turn, data, false);
  const draft = turn.state.draft;
  if (draft) turn.say(askMissing(draft, missingDraftFields(draft), turn.lang));
}
