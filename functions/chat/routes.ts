import type { MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { CHAT_ERRORS } from '../../shared/agent/chat-errors.ts';
import type { createChatTurnRunner } from '../../shared/agent/run-chat-turn.ts';
import { joinCatalogs } from '../../shared/error-catalog.ts';
import { clientIdentity } from '../../shared/http/client-key.ts';
import { HTTP_ERRORS } from '../../shared/http/http-errors.ts';
import type { Logger } from '../../shared/http/logger.ts';
import type { RateLimiter } from '../../shared/http/rate-limit.ts';
import { type FunctionRoutes, functionDoc, routeTable } from '../../shared/http/route-table.ts';
import { ChatHistoryShape, ChatResponseShape, HealthCheckShape } from '../../shared/openapi/response-shapes.ts';
import type { OrderClient } from '../../shared/order-client/order-client.ts';
import { ORDER_CLIENT_ERRORS } from '../../shared/order-client/order-client-errors.ts';
import { LINE_ERROR_CODES } from '../../shared/openapi/line-error-codes.ts';
import { ORDER_ERRORS } from '../../shared/orders/order-errors.ts';
import { ChatFrameSchema, ChatRequestSchema } from './schemas.ts';
import { createChatSocketHandlers, socketTurnBudget } from './socket.ts';

/** What the chat routes need (app.ts). */
export type ChatRouteDeps = {
  orders: OrderClient;
  runTurn: ReturnType<typeof createChatTurnRunner>;
  log: Logger;
  socketIdleMs: number;
  /** One bucket per client for POST /chat, socket opens and every turn on a socket. */
  limiter: RateLimiter;
  limit: MiddlewareHandler;
  /** Order-service failures as errors a customer can read. */
  toError: (error: unknown) => unknown;
};

// A turn relays the order service's 4xx as they came (session-turns.ts), so its codes are chat's too.
const CHAT_ROUTE_ERRORS = joinCatalogs(CHAT_ERRORS, ORDER_CLIENT_ERRORS, ORDER_ERRORS);
const route = routeTable<ChatRouteDeps, keyof typeof CHAT_ROUTE_ERRORS.statuses>(CHAT_ROUTE_ERRORS);

/** Errors a turn can end in: the agent chain's and the order service's, passed on as theirs. */
const TURN_ERRORS = [
  'session_not_found',
  'version_conflict',
  'item_sold_out',
  'idempotency_key_reused',
  'conflict',
  'empty_cart',
  'draft_incomplete',
  'empty_order',
  ...LINE_ERROR_CODES,
  'agent_unavailable',
  'order_service_unavailable',
  'menu_changing',
  'client_gone',
] as const;

const ChatErrorFrame = v.object({ type: v.literal('error'), error: v.object({ code: v.string(), message: v.string() }) });

const chatTurn = route(
  {
    method: 'POST',
    path: '/chat',
    summary: 'One turn with the ordering agent',
    description:
      'Leave out sessionId to start a conversation; the answer carries the id to send next time. `cart.lines` holds complete drinks; a drink still missing size/sugar/ice is the `draft`.',
    tag: 'chat',
    rateLimit: (deps) => deps.limit,
    body: { schema: ChatRequestSchema, example: { message: 'A large pearl milk tea, half sugar, light ice', lang: 'en' } },
    responses: { 200: { description: 'the reply, the cart and the state', schema: ChatResponseShape } },
    errors: TURN_ERRORS,
  },
  ({ runTurn }) =>
    async (c) =>
      c.json(await runTurn(c.req.valid('json'), { signal: c.req.raw.signal })),
);

const chatSocket = route.socket(
  {
    method: 'GET',
    path: '/chat/ws',
    summary: 'Streaming chat (WebSocket)',
    tag: 'chat',
    // An unknown client (no address to key on) is limited per turn inside the socket instead.
    rateLimit: (deps) => (c, next) => (clientIdentity(c).known ? deps.limit(c, next) : next()),
    websocket: {
      description:
        'Upgrade to a WebSocket. Send `{type:"message", sessionId?, text, lang?}`; the server streams `{type:"delta", text}`… (`{type:"reset"}` voids the text streamed so far) then `{type:"done", ...the POST /chat body}`, or `{type:"error", error:{code,message}}` (code `bad_frame` for a frame it cannot read; frames over 8 KB close the socket with 1009). Frames: see `x-websocket`.',
      clientFrames: ChatFrameSchema,
      serverFrames: v.union([
        v.object({ type: v.literal('delta'), text: v.string() }),
        v.object({ type: v.literal('reset') }),
        v.object({ type: v.literal('done'), ...ChatResponseShape.entries }),
        ChatErrorFrame,
      ]),
    },
    responses: { 101: { description: 'Switching Protocols' } },
  },
  ({ runTurn, log, socketIdleMs, toError, limiter }) =>
    (c) =>
      createChatSocketHandlers({ runTurn, log, idleMs: socketIdleMs, toError, takeTurn: socketTurnBudget(limiter, clientIdentity(c)) }),
);

const conversation = route(
  {
    method: 'GET',
    path: '/chat/:sessionId',
    summary: 'A conversation: history, cart, draft and state',
    tag: 'chat',
    params: { sessionId: { description: 'from a POST /chat answer', schema: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/)) } },
    responses: { 200: { description: 'what the customer saw, and where the order stands', schema: ChatHistoryShape } },
    errors: ['validation_failed', 'session_not_found', 'order_service_unavailable'],
  },
  ({ orders }) =>
    async (c) => {
      const id = c.req.param('sessionId');
      if (!/^[\w-]{1,64}$/.test(id)) throw HTTP_ERRORS.raise('validation_failed', 'sessionId is not valid');
      const session = await orders.getSession(id);
      if (!session) throw CHAT_ROUTE_ERRORS.raise('session_not_found', 'no such chat session');
      return c.json({
        sessionId: session.id,
        lang: session.lang,
        state: session.state,
        cart: session.cart,
        draft: session.draft,
        lastOrderId: session.lastOrderId,
        // What the customer saw: their messages and the replies, not the tool traffic.
        history: session.history
          .filter((message) => message.role === 'user' || (message.role === 'assistant' && message.content))
          .map(({ role, content, at }) => ({ role, content, ...(at ? { at } : {}) })),
      });
    },
);

export const CHAT_ROUTES: FunctionRoutes<ChatRouteDeps> = {
  name: 'chat',
  title: 'tea-order-agent · chat',
  description: 'The ordering agent: OpenRouter → vLLM → the offline rule engine, over HTTP and a streaming WebSocket.',
  checkShape: HealthCheckShape,
  rows: [chatTurn, chatSocket, conversation],
};

export const CHAT_DOC = functionDoc(CHAT_ROUTES);
