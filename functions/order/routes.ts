import * as v from 'valibot';
import { clientIdentity } from '../../shared/http/client-key.ts';
import { rateLimit } from '../../shared/http/rate-limit.ts';
import { type FunctionRoutes, functionDoc } from '../../shared/http/route-table.ts';
import { LINE_ERROR_CODES } from '../../shared/openapi/line-error-codes.ts';
import { exampleLine } from '../../shared/openapi/menu-examples.ts';
import {
  HealthCheckShape,
  OrderLookupShape,
  OrderShape,
  OrderViewShape,
  QueueFrameShape,
  QueueShape,
  StaffQueueShape,
  StatusEventsShape,
} from '../../shared/openapi/response-shapes.ts';
import { parseIdempotencyKey } from '../../shared/orders/idempotency.ts';
import { ORDER_ERRORS } from '../../shared/orders/order-errors.ts';
import { CreateOrderSchema, ListOrdersQuerySchema, LookupQuerySchema, StatusChangeSchema } from '../../shared/orders/order-schemas.ts';
import { MENU_ROWS } from './menu-routes.ts';
import { idempotencyKeyHeader, type OrderRouteDeps, route } from './order-route.ts';
import { REPORT_ROWS } from './report-routes.ts';
import { SESSION_ROWS } from './session-routes.ts';

const orderId = { id: { description: 'order id (from POST /orders)' } };

const placeOrder = route(
  {
    method: 'POST',
    path: '/orders',
    summary: 'Place an order',
    description: 'The server prices every line; a client price is ignored.',
    tag: 'orders',
    rateLimit: (deps) => rateLimit({ name: 'orders', limit: deps.orderRatePerMinute, windowMs: 60_000 }),
    headers: [idempotencyKeyHeader],
    body: { schema: CreateOrderSchema, example: { lines: [exampleLine], customerName: 'Li' } },
    responses: {
      201: { description: 'placed', schema: OrderShape },
      200: { description: 'the same Idempotency-Key again: the first order', schema: OrderShape },
    },
    errors: ['invalid_idempotency_key', 'item_sold_out', 'idempotency_key_reused', 'conflict', ...LINE_ERROR_CODES, 'empty_order'],
  },
  ({ service }) =>
    async (c) => {
      const key = parseIdempotencyKey(c.req.header('idempotency-key'));
      const { order, replayed } = await service.createOrder(c.req.valid('json'), key);
      return c.json(order, replayed ? 200 : 201);
    },
);

const listOrders = route(
  {
    method: 'GET',
    path: '/orders',
    summary: 'List orders (staff)',
    tag: 'orders',
    auth: 'staff',
    query: ListOrdersQuerySchema,
    responses: { 200: { description: 'newest first', schema: v.object({ orders: v.array(OrderShape) }) } },
  },
  ({ service }) =>
    (c) =>
      c.json({ orders: service.listOrders(c.req.valid('query')) }),
);

// The staff-view routes answer public views by default (no names, no ids a stranger did not
// already have); the staff token gets everything.

const lookupOrder = route(
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
  ({ service, asStaff }) =>
    (c) =>
      c.json(service.lookup(c.req.valid('query'), { staff: asStaff(c.req.header('authorization')) })),
);

const readOrder = route(
  {
    method: 'GET',
    path: '/orders/:id',
    summary: 'One order',
    description: 'The public view (no customer name) unless the staff token is sent.',
    tag: 'orders',
    auth: 'staff-view',
    params: orderId,
    responses: { 200: { description: 'the order', schema: OrderViewShape } },
    errors: ['order_not_found'],
  },
  ({ service, asStaff }) =>
    (c) => {
      const id = c.req.param('id');
      const order = asStaff(c.req.header('authorization')) ? service.getOrder(id) : service.getPublicOrder(id);
      if (!order) throw ORDER_ERRORS.raise('order_not_found', 'no such order');
      return c.json(order);
    },
);

const orderEvents = route(
  {
    method: 'GET',
    path: '/orders/:id/events',
    summary: 'Status history of an order (staff)',
    tag: 'orders',
    auth: 'staff',
    params: orderId,
    responses: { 200: { description: 'every status change with its time', schema: StatusEventsShape } },
    errors: ['order_not_found'],
  },
  ({ service }) =>
    (c) => {
      if (!service.getOrder(c.req.param('id'))) throw ORDER_ERRORS.raise('order_not_found', 'no such order');
      return c.json({ events: service.statusEvents(c.req.param('id')) });
    },
);

const changeStatus = route(
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
    errors: ['order_not_found', 'invalid_transition'],
  },
  ({ service }) =>
    (c) =>
      c.json(service.changeStatus(c.req.param('id'), c.req.valid('json').status)),
);

const queue = route(
  {
    method: 'GET',
    path: '/queue',
    summary: 'The live queue',
    description: 'Public: pickup numbers, statuses, positions, ETAs and drinks. With the staff token, also order ids and names.',
    tag: 'queue',
    auth: 'staff-view',
    responses: { 200: { description: 'the queue snapshot', schema: v.union([QueueShape, StaffQueueShape]) } },
  },
  ({ service, asStaff }) =>
    (c) =>
      c.json(asStaff(c.req.header('authorization')) ? service.staffQueue() : service.queue()),
);

const queueSocket = route.socket(
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
  },
  ({ watchers }) =>
    (c) => {
      const client = clientIdentity(c);
      return watchers.events(client.known ? client.key : undefined);
    },
);

export const ORDER_ROUTES: FunctionRoutes<OrderRouteDeps> = {
  name: 'order',
  title: 'tea-order-agent · order',
  description: 'Menu, pricing, orders, staff status changes and the live queue; the only owner of the database. Money is integer fen (CNY cents).',
  checkShape: HealthCheckShape,
  rows: [...MENU_ROWS, ...REPORT_ROWS, placeOrder, listOrders, lookupOrder, readOrder, orderEvents, changeStatus, queue, queueSocket, ...SESSION_ROWS],
};

export const ORDER_DOC = functionDoc(ORDER_ROUTES);
