import type { OrderLookup, Order } from '../orders/order-types.ts';
import type { Draft, Session, SessionState } from '../sessions/session-types.ts';
import type { PricedLine } from '../menu/pricing.ts';
import type { ProviderName } from './chain/agent-link.ts';
import { formatYuan } from '../money.ts';
import type { Lang } from '../lang.ts';

/** The body of POST /chat and of the WebSocket `done` frame (DESIGN.md §3). */
export type ChatResponse = {
  sessionId: string;
  reply: string;
  lang: Lang;
  provider: ProviderName;
  state: SessionState;
  cart: { lines: PricedLine[]; total: number };
  draft: Draft | null;
  order: Order | null;
  lookup: OrderLookup | null;
};

export function toChatResponse(session: Session, fields: Pick<ChatResponse, 'reply' | 'lang' | 'provider' | 'order' | 'lookup'>): ChatResponse {
  return { sessionId: session.id, ...fields, state: session.state, cart: session.cart, draft: session.draft };
}

/** The confirmation with the real pickup code and total, added by the server, never by a model. */
export function orderPlacedSentence(order: Order, lang: Lang): string {
  const total = formatYuan(order.total);
  return lang === 'zh' ? `您的取餐号是 ${order.pickupCode} 号，合计 ${total}。` : `Your pickup number is ${order.pickupCode}, total ${total}.`;
}
