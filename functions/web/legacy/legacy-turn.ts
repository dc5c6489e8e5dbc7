import { AppError } from '../../../shared/errors.ts';
import { OrderClientError, type OrderClient } from '../../../shared/order-client/order-client.ts';
import type { ChatClient } from './chat-client.ts';
import type { CallContext } from './service-caller.ts';
import { toTalkResponse, type TalkResponse } from './talk-response.ts';

export type LegacyTurnDeps = { orders: OrderClient; chat: ChatClient };

/**
 * One legacy turn: the legacy session id → our session (created on first use, in the order
 * service), then a chat turn, answered as the original's TalkResponse.
 */
export async function runLegacyTurn({ orders, chat }: LegacyTurnDeps, legacyId: string, text: string, context: CallContext): Promise<TalkResponse> {
  const options = context.signal ? { signal: context.signal } : {};
  const session = await orders.sessionForAlias({ alias: legacyId }, options).catch(orderServiceError);
  try {
    return toTalkResponse(await chat.turn({ sessionId: session.id, message: text }, context), legacyId);
  } catch (error) {
    // The session was pruned between the two calls: start the customer afresh, once.
    if (!(error instanceof AppError) || error.code !== 'session_not_found') throw error;
    const fresh = await orders.sessionForAlias({ alias: legacyId, fresh: true }, options).catch(orderServiceError);
    return toTalkResponse(await chat.turn({ sessionId: fresh.id, message: text }, context), legacyId);
  }
}

/** Order-service failures as a client may see them: its 4xx as they are, anything else a 503. */
export function asOrderServiceAppError(error: unknown): unknown {
  if (error instanceof OrderClientError) {
    if (error.status >= 500 || error.status === 499)
      return new AppError(503, 'order_service_unavailable', 'the shop system is unavailable right now; please try again');
    return new AppError(error.status as 400, error.code, error.message);
  }
  return error;
}

/** asOrderServiceAppError, thrown: for turns that also run outside HTTP routes (sockets). */
export function orderServiceError(error: unknown): never {
  throw asOrderServiceAppError(error);
}
