import * as v from 'valibot';
import { LINE_ERROR_CODES } from '../../shared/openapi/line-error-codes.ts';
import { commonRoutes, type FunctionDoc, type RouteDoc } from '../../shared/openapi/route-doc.ts';
import { ChatHistoryShape, ChatResponseShape, HealthCheckShape } from '../../shared/openapi/response-shapes.ts';
import { ChatFrameSchema, ChatRequestSchema } from './schemas.ts';

/** Errors a turn can end in: the agent chain's and the order service's, passed on as theirs. */
const TURN_ERRORS = {
  404: ['session_not_found'],
  409: ['version_conflict', 'item_sold_out', 'idempotency_key_reused', 'conflict'],
  422: ['empty_cart', 'draft_incomplete', 'empty_order', ...LINE_ERROR_CODES],
  503: ['agent_unavailable', 'order_service_unavailable', 'menu_changing', 'client_gone'],
};

const ChatErrorFrame = v.object({ type: v.literal('error'), error: v.object({ code: v.string(), message: v.string() }) });

export const CHAT_ROUTES: RouteDoc[] = [
  ...commonRoutes('chat', HealthCheckShape),
  {
    method: 'POST',
    path: '/chat',
    summary: 'One turn with the ordering agent',
    description:
      'Leave out sessionId to start a conversation; the answer carries the id to send next time. `cart.lines` holds complete drinks; a drink still missing size/sugar/ice is the `draft`.',
    tag: 'chat',
    limited: true,
    body: { schema: ChatRequestSchema, example: { message: 'A large pearl milk tea, half sugar, light ice', lang: 'en' } },
    responses: { 200: { description: 'the reply, the cart and the state', schema: ChatResponseShape } },
    errors: TURN_ERRORS,
  },
  {
    method: 'GET',
    path: '/chat/ws',
    summary: 'Streaming chat (WebSocket)',
    tag: 'chat',
    limited: true,
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
    errors: { 404: ['not_found'] },
  },
  {
    method: 'GET',
    path: '/chat/:sessionId',
    summary: 'A conversation: history, cart, draft and state',
    tag: 'chat',
    params: { sessionId: { description: 'from a POST /chat answer', schema: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/)) } },
    responses: { 200: { description: 'what the customer saw, and where the order stands', schema: ChatHistoryShape } },
    errors: { 400: ['validation_failed'], 404: ['session_not_found'], 503: ['order_service_unavailable'] },
  },
];

export const CHAT_DOC: FunctionDoc = {
  name: 'chat',
  title: 'tea-order-agent · chat',
  description: 'The ordering agent: OpenRouter → vLLM → the offline rule engine, over HTTP and a streaming WebSocket.',
  routes: CHAT_ROUTES,
};
