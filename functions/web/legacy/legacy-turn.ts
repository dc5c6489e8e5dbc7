import { AppError } from '../../../shared/errors.ts';
import type { OrderClient } from '../../../shared/order-client/order-client.ts';
import { withMenu } from '../../../shared/agent/menu-scope.ts';
import type { ChatClient } from './chat-client.ts';
import { liveCatalog } from './legacy-menu.ts';
import type { CallContext } from './service-caller.ts';
import { toTalkResponse, type TalkResponse } from './talk-response.ts';

export type LegacyTurnDeps = { orders: OrderClient; chat: ChatClient };

/**
 * One legacy turn: the legacy session id → our session (created on first use, in the order
 * service), then a chat turn, answered as the original's TalkResponse. Order-service failures
 * come out as OrderClientError; each transport maps them (shared/order-client/order-service-error.ts).
 */
export async function runLegacyTurn(
  { orders, chat }: LegacyTurnDeps,
  legacyId: string,
  text: string,
  context: CallContext,
  input: 'text' | 'voice' = 'text',
): Promise<TalkResponse> {
  const options = context.signal ? { signal: context.signal } : {};
  const session = await orders.sessionForAlias({ alias: legacyId }, options);
  const answer = async (sessionId: string) => {
    const turn = await chat.turn({ sessionId, message: text, source: 'legacy', input }, context);
    return withMenu(await liveCatalog(orders, context.signal), () => toTalkResponse(turn, legacyId));
  };
  try {
    return await answer(session.id);
  } catch (error) {
    // The session was pruned between the two calls: start the customer afresh, once.
    if (!(error instanceof AppError) || error.code !== 'session_not_found') throw error;
    const fresh = await orders.sessionForAlias({ alias: legacyId, fresh: true }, options);
    return answer(fresh.id);
  }
}
