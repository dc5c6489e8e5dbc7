import * as v from 'valibot';
import { defaultMenuDefinition } from '../../shared/menu/load-menu-file.ts';
import { LINE_ERROR_CODES } from '../../shared/openapi/line-error-codes.ts';
import { exampleItemId, exampleItemName, exampleLine } from '../../shared/openapi/menu-examples.ts';
import { MenuItemPatchSchema } from '../../shared/menu/item-patch.ts';
import { MenuVersionsQuerySchema } from './menu-routes.ts';
import { commonRoutes, type FunctionDoc, type RouteDoc } from '../../shared/openapi/route-doc.ts';
import {
  CommitResultShape,
  HealthCheckShape,
  MenuFileShape,
  MenuItemShape,
  MenuShape,
  MenuVersionsShape,
  OrderLookupShape,
  OrderShape,
  OrderViewShape,
  QueueFrameShape,
  QueueShape,
  SessionShape,
  StaffQueueShape,
  StatusEventsShape,
} from '../../shared/openapi/response-shapes.ts';
import {
  AvailabilitySchema,
  CheckoutSchema,
  CreateOrderSchema,
  CreateSessionSchema,
  ListOrdersQuerySchema,
  LookupQuerySchema,
  StatusChangeSchema,
} from '../../shared/orders/order-schemas.ts';
import { SessionAliasRequestSchema } from '../../shared/sessions/session-alias-schema.ts';
import { SessionCommitSchema } from '../../shared/sessions/session-types.ts';

const idempotencyKey = { name: 'Idempotency-Key', description: 'optional; the same key with the same body answers the first result again (200)' };
const sampleLine = exampleLine;
const defaultMenuExample = defaultMenuDefinition();
const orderId = { id: { description: 'order id (from POST /orders)' } };
const sessionId = { id: { description: 'session id' } };

export const ORDER_ROUTES: RouteDoc[] = [
  ...commonRoutes('order', HealthCheckShape),
  {
    method: 'GET',
    path: '/menu',
    summary: 'The menu with today’s availability',
    tag: 'menu',
    responses: { 200: { description: 'the menu; prices in fen', schema: MenuShape } },
  },
  {
    method: 'PUT',
    path: '/menu/items/:id/availability',
    summary: 'Mark a drink sold out (or back)',
    tag: 'menu',
    auth: 'staff',
    params: { id: { description: `menu item id, e.g. ${exampleItemId}` } },
    body: { schema: AvailabilitySchema, example: { available: false } },
    responses: { 200: { description: 'the item as the menu now shows it', schema: MenuItemShape } },
    errors: { 404: ['item_not_found'] },
  },
  {
    method: 'GET',
    path: '/menu/export',
    summary: 'The live menu as a menu file (owner)',
    description: 'The DESIGN.md §4 file shape with the live `version`: edit it and send it back with PUT /menu.',
    tag: 'menu',
    auth: 'owner',
    responses: { 200: { description: 'the menu file', schema: MenuFileShape } },
  },
  {
    method: 'PUT',
    path: '/menu',
    summary: 'Replace the whole menu (owner)',
    description:
      'A whole menu in the file shape. Its `version` must be the live one (else 409 version_conflict: someone saved first; reload). Checked like MENU_FILE: 422 invalid_menu lists every problem with its path (`details.issues`); nothing changes on a refusal. Success makes the next version live at once.',
    tag: 'menu',
    auth: 'owner',
    body: { schema: MenuFileShape, example: defaultMenuExample, description: 'a menu file (DESIGN.md §4)' },
    responses: { 200: { description: 'the new live menu', schema: MenuShape } },
    errors: { 409: ['version_conflict'], 422: ['invalid_menu'] },
  },
  {
    method: 'PATCH',
    path: '/menu/items/:id',
    summary: 'Change one drink (owner)',
    description:
      'Prices per size (merged; null takes a size off), names, aliases, category, allowed sugar/ice/toppings (null: all of the shop’s), note, availability. A change to the drink itself is a new version; `available` alone is not. With `version`, a stale one is 409.',
    tag: 'menu',
    auth: 'owner',
    params: { id: { description: `menu item id, e.g. ${exampleItemId}` } },
    body: { schema: MenuItemPatchSchema, example: { prices: { [exampleLine.size]: 1900 } } },
    responses: {
      200: { description: 'the live version and the drink as the menu now shows it', schema: v.object({ version: v.number(), item: MenuItemShape }) },
    },
    errors: { 404: ['item_not_found'], 409: ['version_conflict'], 422: ['invalid_menu'] },
  },
  {
    method: 'GET',
    path: '/menu/versions',
    summary: 'The menu’s versions, newest first (owner)',
    tag: 'menu',
    auth: 'owner',
    query: MenuVersionsQuerySchema,
    responses: { 200: { description: 'who changed what, when', schema: MenuVersionsShape } },
  },
  {
    method: 'POST',
    path: '/orders',
    summary: 'Place an order',
    description: 'The server prices every line; a client price is ignored.',
    tag: 'orders',
    limited: true,
    headers: [idempotencyKey],
    body: { schema: CreateOrderSchema, example: { lines: [sampleLine], customerName: 'Li' } },
    responses: {
      201: { description: 'placed', schema: OrderShape },
      200: { description: 'the same Idempotency-Key again: the first order', schema: OrderShape },
    },
    errors: { 400: ['invalid_idempotency_key'], 409: ['item_sold_out', 'idempotency_key_reused', 'conflict'], 422: [...LINE_ERROR_CODES, 'empty_order'] },
  },
  {
    method: 'GET',
    path: '/orders',
    summary: 'List orders (staff)',
    tag: 'orders',
    auth: 'staff',
    query: ListOrdersQuerySchema,
    responses: { 200: { description: 'newest first', schema: v.object({ orders: v.array(OrderShape) }) } },
  },
  {
    method: 'GET',
    path: '/orders/lookup',
    summary: 'Find an order by id or pickup number',
    description: 'Give exactly one of orderId or pickupCode. A pickup number never reveals an order id (unless staff).',
    tag: 'orders',
    auth: 'staff-view',
    query: LookupQuerySchema,
    responses: { 200: { description: 'found or not', schema: OrderLookupShape } },
  },
  {
    method: 'GET',
    path: '/orders/:id',
    summary: 'One order',
    description: 'The public view (no customer name) unless the staff token is sent.',
    tag: 'orders',
    auth: 'staff-view',
    params: orderId,
    responses: { 200: { description: 'the order', schema: OrderViewShape } },
    errors: { 404: ['order_not_found'] },
  },
  {
    method: 'GET',
    path: '/orders/:id/events',
    summary: 'Status history of an order (staff)',
    tag: 'orders',
    auth: 'staff',
    params: orderId,
    responses: { 200: { description: 'every status change with its time', schema: StatusEventsShape } },
    errors: { 404: ['order_not_found'] },
  },
  {
    method: 'PATCH',
    path: '/orders/:id',
    summary: 'Change an order’s status (staff)',
    description: 'placed → preparing → ready → completed; placed|preparing → cancelled. Anything else is 409.',
    tag: 'orders',
    auth: 'staff',
    params: orderId,
    body: { schema: StatusChangeSchema, example: { status: 'preparing' } },
    responses: { 200: { description: 'the order after the change', schema: OrderShape } },
    errors: { 404: ['order_not_found'], 409: ['invalid_transition'] },
  },
  {
    method: 'GET',
    path: '/queue',
    summary: 'The live queue',
    description: 'Public: pickup numbers, statuses, positions, ETAs and drinks. With the staff token, also order ids and names.',
    tag: 'queue',
    auth: 'staff-view',
    responses: { 200: { description: 'the queue snapshot', schema: v.union([QueueShape, StaffQueueShape]) } },
  },
  {
    method: 'GET',
    path: '/queue/ws',
    summary: 'The live queue, pushed (WebSocket)',
    tag: 'queue',
    websocket: {
      description:
        'Upgrade to a WebSocket. The server sends `{type:"queue", ...GET /queue}` at once and after every change (bursts coalesced). Any client frame asks for a fresh snapshot. Frames: see `x-websocket`.',
      clientFrames: v.pipe(v.string(), v.description('any text: asks for a fresh snapshot')),
      serverFrames: QueueFrameShape,
    },
    responses: { 101: { description: 'Switching Protocols' } },
    errors: { 404: ['not_found'] },
  },
  {
    method: 'POST',
    path: '/sessions',
    summary: 'Create a chat session (internal: the chat function)',
    tag: 'sessions',
    auth: 'internal',
    body: { schema: CreateSessionSchema, example: { lang: 'en' } },
    responses: { 201: { description: 'a new, empty session', schema: SessionShape } },
  },
  {
    method: 'POST',
    path: '/sessions/aliases',
    summary: 'The session behind an outside client’s own id (internal: the /legacy layer)',
    tag: 'sessions',
    auth: 'internal',
    body: { schema: SessionAliasRequestSchema, example: { alias: 'kiosk-7:abc', fresh: false, lang: 'zh' } },
    responses: { 200: { description: 'the session, created on first use; `fresh` starts over', schema: SessionShape } },
  },
  {
    method: 'GET',
    path: '/sessions/:id',
    summary: 'Read a session (internal)',
    tag: 'sessions',
    auth: 'internal',
    params: sessionId,
    responses: { 200: { description: 'the session', schema: SessionShape } },
    errors: { 404: ['session_not_found'] },
  },
  {
    method: 'POST',
    path: '/sessions/:id/commit',
    summary: 'Commit an agent turn (internal)',
    description: 'Writes cart, draft, history and state if the session is still at expectedVersion; with placeOrder, places the order in the same transaction.',
    tag: 'sessions',
    auth: 'internal',
    params: sessionId,
    headers: [idempotencyKey],
    body: {
      schema: SessionCommitSchema,
      example: {
        expectedVersion: 0,
        state: 'collecting',
        cart: [{ ...sampleLine, lineId: 'l1' }],
        draft: null,
        append: [{ role: 'user', content: `two ${exampleItemName.en}` }],
      },
    },
    responses: { 200: { description: 'the session after the turn, and the order if one was placed', schema: CommitResultShape } },
    errors: {
      400: ['invalid_idempotency_key'],
      404: ['session_not_found'],
      409: ['version_conflict', 'item_sold_out', 'idempotency_key_reused', 'conflict'],
      422: [...LINE_ERROR_CODES, 'empty_cart', 'draft_incomplete', 'empty_order'],
    },
  },
  {
    method: 'POST',
    path: '/sessions/:id/checkout',
    summary: 'Place the order from a session’s cart (internal)',
    tag: 'sessions',
    auth: 'internal',
    params: sessionId,
    headers: [idempotencyKey],
    body: { schema: CheckoutSchema, example: { expectedVersion: 1 } },
    responses: {
      201: { description: 'placed', schema: CommitResultShape },
      200: { description: 'the same Idempotency-Key again', schema: CommitResultShape },
    },
    errors: {
      400: ['invalid_idempotency_key'],
      404: ['session_not_found'],
      409: ['version_conflict', 'item_sold_out', 'idempotency_key_reused', 'conflict'],
      422: [...LINE_ERROR_CODES, 'empty_cart', 'draft_incomplete', 'empty_order'],
    },
  },
];

export const ORDER_DOC: FunctionDoc = {
  name: 'order',
  title: 'tea-order-agent · order',
  description: 'Menu, pricing, orders, staff status changes and the live queue; the only owner of the database. Money is integer fen (CNY cents).',
  routes: ORDER_ROUTES,
};
