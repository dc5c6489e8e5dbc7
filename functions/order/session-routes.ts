import { exampleItemName, exampleLine } from '../../shared/openapi/menu-examples.ts';
import { LINE_ERROR_CODES } from '../../shared/openapi/line-error-codes.ts';
import { CommitResultShape, SessionShape } from '../../shared/openapi/response-shapes.ts';
import { parseIdempotencyKey } from '../../shared/orders/idempotency.ts';
import { ORDER_ERRORS } from '../../shared/orders/order-errors.ts';
import { CheckoutSchema, CreateSessionSchema } from '../../shared/orders/order-schemas.ts';
import { SessionAliasRequestSchema } from '../../shared/sessions/session-alias-schema.ts';
import { SessionCommitSchema } from '../../shared/sessions/session-types.ts';
import { idempotencyKeyHeader, route } from './order-route.ts';

// Chat sessions, for the chat function (and web's /legacy layer) behind the internal token.

const sessionId = { id: { description: 'session id' } };

const createSession = route(
  {
    method: 'POST',
    path: '/sessions',
    summary: 'Create a chat session (internal: the chat function)',
    tag: 'sessions',
    auth: 'internal',
    body: { schema: CreateSessionSchema, example: { lang: 'en' } },
    responses: { 201: { description: 'a new, empty session', schema: SessionShape } },
  },
  ({ service }) =>
    async (c) =>
      c.json(await service.createSession(c.req.valid('json').lang), 201),
);

const sessionForAlias = route(
  {
    method: 'POST',
    path: '/sessions/aliases',
    summary: 'The session behind an outside client’s own id (internal: the /legacy layer)',
    tag: 'sessions',
    auth: 'internal',
    body: { schema: SessionAliasRequestSchema, example: { alias: 'kiosk-7:abc', fresh: false, lang: 'zh' } },
    responses: { 200: { description: 'the session, created on first use; `fresh` starts over', schema: SessionShape } },
  },
  ({ service }) =>
    async (c) => {
      const { alias, fresh, lang } = c.req.valid('json');
      return c.json(await service.sessionForAlias(alias, fresh, lang));
    },
);

const readSession = route(
  {
    method: 'GET',
    path: '/sessions/:id',
    summary: 'Read a session (internal)',
    tag: 'sessions',
    auth: 'internal',
    params: sessionId,
    responses: { 200: { description: 'the session', schema: SessionShape } },
    errors: ['session_not_found'],
  },
  ({ service }) =>
    (c) => {
      const session = service.getSession(c.req.param('id'));
      if (!session) throw ORDER_ERRORS.raise('session_not_found', 'no such session');
      return c.json(session);
    },
);

/** What placing an order from a session can refuse (commit with checkout, or checkout alone). */
const PLACING_ERRORS = [
  'invalid_idempotency_key',
  'session_not_found',
  'version_conflict',
  'item_sold_out',
  'idempotency_key_reused',
  'conflict',
  ...LINE_ERROR_CODES,
  'empty_cart',
  'draft_incomplete',
  'empty_order',
] as const;

const commitTurn = route(
  {
    method: 'POST',
    path: '/sessions/:id/commit',
    summary: 'Commit an agent turn (internal)',
    description: 'Writes cart, draft, history and state if the session is still at expectedVersion; with placeOrder, places the order in the same transaction.',
    tag: 'sessions',
    auth: 'internal',
    params: sessionId,
    headers: [idempotencyKeyHeader],
    body: {
      schema: SessionCommitSchema,
      example: {
        expectedVersion: 0,
        state: 'collecting',
        cart: [{ ...exampleLine, lineId: 'l1' }],
        draft: null,
        append: [{ role: 'user', content: `two ${exampleItemName.en}` }],
      },
    },
    responses: { 200: { description: 'the session after the turn, and the order if one was placed', schema: CommitResultShape } },
    errors: [...PLACING_ERRORS, 'total_changed'],
  },
  ({ service }) =>
    async (c) => {
      const key = parseIdempotencyKey(c.req.header('idempotency-key'));
      return c.json(await service.commitSession(c.req.param('id'), c.req.valid('json'), key));
    },
);

const checkout = route(
  {
    method: 'POST',
    path: '/sessions/:id/checkout',
    summary: 'Place the order from a session’s cart (internal)',
    tag: 'sessions',
    auth: 'internal',
    params: sessionId,
    headers: [idempotencyKeyHeader],
    body: { schema: CheckoutSchema, example: { expectedVersion: 1 } },
    responses: {
      201: { description: 'placed', schema: CommitResultShape },
      200: { description: 'the same Idempotency-Key again', schema: CommitResultShape },
    },
    errors: PLACING_ERRORS,
  },
  ({ service }) =>
    (c) => {
      const key = parseIdempotencyKey(c.req.header('idempotency-key'));
      const { session, order, replayed } = service.checkout(c.req.param('id'), c.req.valid('json').expectedVersion, key);
      return c.json({ session, order }, replayed ? 200 : 201);
    },
);

export const SESSION_ROWS = [createSession, sessionForAlias, readSession, commitTurn, checkout];
