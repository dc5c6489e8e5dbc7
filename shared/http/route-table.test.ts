import { Hono, type MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { errorCatalog } from '../error-catalog.ts';
import { HealthCheckShape } from '../openapi/response-shapes.ts';
import type { AppEnv } from './app-env.ts';
import { createApp } from './create-app.ts';
import type { HealthCheck } from './function-module.ts';
import { HTTP_ERRORS } from './http-errors.ts';
import { createLogger, silentLogger } from './logger.ts';
import { rateLimit } from './rate-limit.ts';
import { listen } from './serve.ts';
import { type FunctionRoutes, functionDoc, mountRoutes, routeTable } from './route-table.ts';
import { takeUndeclaredErrors } from './undeclared-errors.ts';

const SHOP_ERRORS = errorCatalog({ cup_not_found: 404, cup_taken: 409 });
type Deps = { cups: Map<string, string>; perMinute: number };
const route = routeTable<Deps, keyof typeof SHOP_ERRORS.statuses>(SHOP_ERRORS);

const readCup = route(
  {
    method: 'GET',
    path: '/cups/:id',
    summary: 'One cup',
    tag: 'cups',
    query: v.object({ lang: v.optional(v.picklist(['zh', 'en']), 'en') }),
    responses: { 200: { description: 'the cup' } },
    errors: ['cup_not_found'],
  },
  ({ cups }) =>
    (c) => {
      const name = cups.get(c.req.param('id'));
      if (!name) throw SHOP_ERRORS.raise('cup_not_found', 'no such cup');
      return c.json({ name, lang: c.req.valid('query').lang });
    },
);

const addCup = route(
  {
    method: 'POST',
    path: '/cups',
    summary: 'Add a cup',
    tag: 'cups',
    auth: 'staff',
    rateLimit: ({ perMinute }) => rateLimit({ name: 'cups', limit: perMinute, windowMs: 60_000 }),
    body: { schema: v.object({ id: v.string(), name: v.string() }), example: { id: 'c1', name: 'oolong' } },
    responses: { 201: { description: 'added' } },
    errors: ['cup_taken', 'validation_failed'],
  },
  ({ cups }) =>
    (c) => {
      const { id, name } = c.req.valid('json');
      if (cups.has(id)) throw SHOP_ERRORS.raise('cup_taken', `cup ${id} exists`);
      cups.set(id, name);
      return c.json({ id, name }, 201);
    },
);

const cupSocket = route.socket(
  {
    method: 'GET',
    path: '/feed/ws',
    summary: 'Cups, pushed',
    tag: 'cups',
    websocket: { description: 'names', serverFrames: v.string() },
    responses: { 101: { description: 'Switching Protocols' } },
  },
  ({ cups }) =>
    (c) => ({
      onOpen: (_event, ws) => ws.send(`${[...cups.values()].join(',')} for ${c.req.query('who') ?? 'anyone'}`),
    }),
);

const TABLE: FunctionRoutes<Deps> = { name: 'shop', title: 'shop', description: 'cups', checkShape: HealthCheckShape, rows: [cupSocket, readCup, addCup] };
const staffOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.header('authorization') !== 'Bearer staff') throw HTTP_ERRORS.raise('unauthorized', 'staff only');
  await next();
};

function shop(check: () => Promise<HealthCheck> = async () => ({ status: 'ok' })) {
  const app = createApp({ name: 'shop', log: silentLogger });
  mountRoutes(app, TABLE, { deps: { cups: new Map([['c0', 'jasmine']]), perMinute: 2 }, guards: { staff: staffOnly }, check });
  return app;
}

const post = (body: unknown, authorization = 'Bearer staff') => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization },
  body: JSON.stringify(body),
});

describe('route rows', () => {
  it('run the handler with the parsed query, and answer its catalog error with the catalog status', async () => {
    const app = shop();
    expect(await (await app.request('/cups/c0?lang=zh')).json()).toEqual({ name: 'jasmine', lang: 'zh' });
    expect(await (await app.request('/cups/c0')).json()).toEqual({ name: 'jasmine', lang: 'en' });
    const missing = await app.request('/cups/c9');
    expect([missing.status, (await missing.json()).error.code]).toEqual([404, 'cup_not_found']);
    const badQuery = await app.request('/cups/c0?lang=fr');
    expect([badQuery.status, (await badQuery.json()).error.code]).toEqual([400, 'validation_failed']);
  });

  it('put the guard first, then the limit, then the body check, then the handler', async () => {
    const app = shop();
    // The guard refuses before the limit counts: two refused requests leave both tokens.
    for (let i = 0; i < 2; i++) expect((await app.request('/cups', post({ id: 'x', name: 'y' }, 'Bearer nope'))).status).toBe(401);
    const invalid = await app.request('/cups', post({ id: 'c1' }));
    expect([invalid.status, (await invalid.json()).error.code]).toEqual([400, 'validation_failed']);
    expect((await app.request('/cups', post({ id: 'c1', name: 'oolong' }))).status).toBe(201);
    const limited = await app.request('/cups', post({ id: 'c2', name: 'matcha' }));
    expect([limited.status, (await limited.json()).error.code, limited.headers.get('retry-after')]).toEqual([429, 'rate_limited', '30']);
    expect(await (await app.request('/cups/c1')).json()).toEqual({ name: 'oolong', lang: 'en' });
  });

  it('serve /healthz/<name> (503 when down) and /openapi.json from the same rows', async () => {
    let status: HealthCheck['status'] = 'degraded';
    const app = shop(async () => ({ status, detail: 'x' }));
    const healthy = await app.request('/healthz/shop');
    expect([healthy.status, await healthy.json()]).toEqual([200, { status: 'degraded', detail: 'x' }]);
    status = 'down';
    expect((await app.request('/healthz/shop')).status).toBe(503);
    const document = await (await app.request('/openapi.json')).json();
    expect(Object.keys(document.paths).sort()).toEqual(['/cups', '/cups/{id}', '/feed/ws', '/healthz/shop', '/openapi.json']);
    const codes = (
      op: { responses: Record<string, { content: Record<string, { schema: { properties?: Record<string, any>; oneOf?: any[] } }> }> },
      s: number,
    ) => op.responses[s]!.content['application/json']!.schema.properties!.error.properties.code.enum;
    const add = document.paths['/cups'].post;
    expect(codes(add, 409)).toEqual(['cup_taken']);
    expect(codes(add, 429)).toEqual(['rate_limited']);
    expect(codes(add, 400)).toEqual(['invalid_json', 'validation_failed']);
    expect(codes(document.paths['/cups/{id}'].get, 404)).toEqual(['cup_not_found']);
    expect(document.paths['/cups'].post.requestBody.content['application/json'].example).toEqual({ id: 'c1', name: 'oolong' });
  });

  it('documents a row the way it registers it: statuses from the catalog, limited from rateLimit', () => {
    const doc = functionDoc(TABLE);
    expect(doc.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /healthz/shop', 'GET /openapi.json', 'GET /feed/ws', 'GET /cups/:id', 'POST /cups']);
    const add = doc.routes.find((r) => r.path === '/cups')!;
    expect([add.limited, add.errors]).toEqual([true, { 409: ['cup_taken'], 400: ['validation_failed'] }]);
    expect(doc.routes.find((r) => r.path === '/cups/:id')!.limited).toBeUndefined();
  });

  it('report an answer whose code the row does not list, and nothing for the codes it lists', async () => {
    const forgetful = route(
      { method: 'DELETE', path: '/cups/:id', summary: 'Drop a cup', tag: 'cups', responses: { 204: { description: 'dropped' } }, errors: ['cup_not_found'] },
      ({ cups }) =>
        (c) => {
          const id = c.req.param('id');
          if (id === 'c0') throw SHOP_ERRORS.raise('cup_taken', 'someone holds it');
          if (!cups.delete(id)) throw SHOP_ERRORS.raise('cup_not_found', 'no such cup');
          return c.body(null, 204);
        },
    );
    const lines: string[] = [];
    const app = createApp({ name: 'shop', log: createLogger({ write: (line) => lines.push(line) }) });
    const cups = new Map([
      ['c0', 'jasmine'],
      ['c1', 'oolong'],
    ]);
    // Mounted under a prefix, as web mounts /legacy: the report names the path a client sent to.
    const sub = new Hono<AppEnv>();
    forgetful.mount(sub, { cups, perMinute: 1 }, {});
    app.route('/shop', sub);
    takeUndeclaredErrors();
    expect((await app.request('/shop/cups/c1', { method: 'DELETE' })).status).toBe(204);
    expect((await app.request('/shop/cups/c1', { method: 'DELETE' })).status).toBe(404);
    expect((await app.request('/nowhere', { method: 'DELETE' })).status).toBe(404);
    expect(takeUndeclaredErrors()).toEqual([]);
    expect((await app.request('/shop/cups/c0', { method: 'DELETE' })).status).toBe(409);
    expect(takeUndeclaredErrors()).toEqual(['DELETE /shop/cups/:id answered 409 cup_taken']);
    const warning = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'undeclared_error_code');
    expect(warning).toMatchObject({ level: 'warn', route: '/shop/cups/:id', status: 409, code: 'cup_taken' });
  });

  it('report only error answers in the error shape: a 200 or text body that looks like one, or a 400 in another shape, is not one', async () => {
    const answers = route(
      { method: 'GET', path: '/answers/:kind', summary: 'Odd answers', tag: 'cups', responses: { 200: { description: 'it' } } },
      () => (c) => {
        const lookalike = { error: { code: 'cup_taken', message: 'not an error' } };
        if (c.req.param('kind') === 'ok') return c.json(lookalike, 200);
        if (c.req.param('kind') === 'text') return c.text(JSON.stringify(lookalike), 409);
        return c.json({ detail: 'the Python version’s shape' }, 400);
      },
    );
    const app = createApp({ name: 'shop', log: silentLogger });
    answers.mount(app, { cups: new Map(), perMinute: 1 }, {});
    takeUndeclaredErrors();
    for (const kind of ['ok', 'text', 'detail']) await app.request(`/answers/${kind}`);
    expect(takeUndeclaredErrors()).toEqual([]);
  });

  it('refuses a row whose error code is in no catalog, and groups its codes by status', () => {
    // @ts-expect-error: the compiler refuses it first; the table refuses it for JavaScript callers.
    expect(() => route({ method: 'GET', path: '/x', summary: 'x', tag: 'cups', responses: {}, errors: ['cup_lost'] }, () => (c) => c.text('x'))).toThrow(
      'error code cup_lost is in no catalog',
    );
    const row = route(
      { method: 'GET', path: '/y', summary: 'y', tag: 'cups', responses: {}, errors: ['cup_not_found', 'not_found', 'cup_taken'] },
      () => (c) => c.text('y'),
    );
    expect(row.doc.errors).toEqual({ 404: ['cup_not_found', 'not_found'], 409: ['cup_taken'] });
  });

  it('refuses at mount a row whose guard was not given', () => {
    const app = createApp({ name: 'shop', log: silentLogger });
    expect(() => mountRoutes(app, TABLE, { deps: { cups: new Map(), perMinute: 1 }, check: async () => ({ status: 'ok' }) })).toThrow(
      'POST /cups needs the staff guard',
    );
  });

  it('upgrade a socket row with events made from its request, and answer a plain GET 404', async () => {
    const app = shop();
    const plain = await app.request('/feed/ws');
    expect([plain.status, (await plain.json()).error]).toEqual([404, { code: 'not_found', message: '/feed/ws takes a WebSocket upgrade' }]);
    // Answered by the socket row itself: a sibling `/feed/:id` never reads "ws" as an id.
    const feedItem = route(
      { method: 'GET', path: '/feed/:id', summary: 'One item', tag: 'cups', responses: { 200: { description: 'it' } } },
      () => (c) => c.json({ id: c.req.param('id') }),
    );
    const beside = createApp({ name: 'shop', log: silentLogger });
    mountRoutes(beside, { ...TABLE, rows: [cupSocket, feedItem] }, { deps: { cups: new Map(), perMinute: 1 }, check: async () => ({ status: 'ok' }) });
    expect((await beside.request('/feed/ws')).status).toBe(404);
    expect(await (await beside.request('/feed/7')).json()).toEqual({ id: '7' });
    expect(functionDoc(TABLE).routes.find((r) => r.path === '/feed/ws')!.errors).toEqual({ 404: ['not_found'] });
    const server = await listen(app.fetch, 0, '127.0.0.1');
    try {
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/feed/ws?who=staff`);
      const first = await new Promise<string>((resolve, reject) => {
        socket.once('message', (data) => resolve(String(data)));
        socket.once('error', reject);
      });
      expect(first).toBe('jasmine for staff');
      socket.close();
    } finally {
      await server.stop();
    }
  });
});
