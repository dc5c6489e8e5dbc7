import type { ChatResponse } from '../../../shared/agent/chat-response.ts';
import { EMPTY_ORDER_STATE, toLegacyOrderState, type LegacyOrderState } from './legacy-labels.ts';
import { yuanNumber } from '../../../shared/money.ts';

/** The original system's TalkResponse (frontend/src/types: TalkResponse, OrderMetadata). */
export type TalkResponse = {
  assistant_reply: string;
  order_state: LegacyOrderState;
  order_status: 'collecting' | 'confirming' | 'saved';
  order_id: number | null;
  order_total: number | null;
  order_metadata: { order_id: number; session_id: string; placed_at: string } | null;
  reply_mode: 'online' | 'offline';
};

/** Our pickup numbers are digits; the legacy UI compares and shows `order_id` as a number. */
export const legacyOrderId = (pickupCode: string) => Number.parseInt(pickupCode, 10);

/**
 * A chat turn as the legacy UI expects it. It shows one drink: the one being specified (the
 * draft), else the last cart line, else the last line of the order just placed; the others
 * are listed in `notes`.
 */
export function toTalkResponse(chat: ChatResponse, legacySessionId: string): TalkResponse {
  const { order, cart, draft } = chat;
  let orderState: LegacyOrderState = EMPTY_ORDER_STATE;
  if (draft) orderState = toLegacyOrderState(draft, false, cart.lines);
  else if (cart.lines.length > 0) orderState = toLegacyOrderState(cart.lines.at(-1)!, true, cart.lines.slice(0, -1));
  else if (order && order.lines.length > 0) orderState = toLegacyOrderState(order.lines.at(-1)!, true, order.lines.slice(0, -1));

  const orderId = order ? legacyOrderId(order.pickupCode) : null;
  const total = order ? order.total : cart.lines.length > 0 ? cart.total : null;
  return {
    assistant_reply: chat.reply,
    order_state: orderState,
    order_status: chat.state === 'placed' ? 'saved' : chat.state === 'confirming' ? 'confirming' : 'collecting',
    order_id: orderId,
    order_total: total === null ? null : yuanNumber(total),
    order_metadata: order && orderId !== null ? { order_id: orderId, session_id: legacySessionId, placed_at: order.createdAt } : null,
    reply_mode: chat.provider === 'rules' ? 'offline' : 'online',
  };
}
