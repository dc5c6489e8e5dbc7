import { upgradeWebSocket } from '@hono/node-server';
import type { Context, Handler, Hono, MiddlewareHandler } from 'hono';
import type { WSEvents } from 'hono/ws';
import type * as v from 'valibot';
import type { CodeOf, ErrorCatalog } from '../error-catalog.ts';
import { buildDocument, errorsOf } from '../openapi/build-document.ts';
import { commonRoutes, type FunctionDoc, type RouteDoc } from '../openapi/route-doc.ts';
import type { AppEnv } from './app-env.ts';
import type { HealthCheck } from './function-module.ts';
import { HTTP_ERRORS } from './http-errors.ts';
import { watchUndeclaredErrors } from './undeclared-errors.ts';
import { jsonBody, queryParams } from './validate.ts';

// One row per route: the row registers the handler and is the route's OpenAPI entry, so a
// route is written once. Its validation comes from the same schemas the document shows, its
// guard from `auth`, its 429 from `rateLimit`, and its error statuses from the catalog.

export type Guard = 'staff' | 'owner' | 'internal';
export type Guards = Partial<Record<Guard, MiddlewareHandler<AppEnv>>>;

type Schema = v.GenericSchema;
type BodyIn<B> = B extends Schema ? { json: v.InferInput<B> } : object;
type BodyOut<B> = B extends Schema ? { json: v.InferOutput<B> } : object;
type QueryIn<Q> = Q extends Schema ? { query: v.InferInput<Q> } : object;
type QueryOut<Q> = Q extends Schema ? { query: v.InferOutput<Q> } : object;
/** What `c.req.valid()` gives the handler: the parsed body and query. */
export type RouteInput<B, Q> = { in: BodyIn<B> & QueryIn<Q>; out: BodyOut<B> & QueryOut<Q> };

export type RouteSpec<P extends string, B, Q, Code extends string, Deps> = Omit<RouteDoc, 'path' | 'body' | 'query' | 'errors' | 'limited'> & {
  path: P;
  /** A JSON body, parsed by `jsonBody(schema)` before the handler runs; `example` must be accepted. */
  body?: {
    schema: B;
    example: unknown;
    description?: string;
    /** The shape the document shows when `schema` only parses the JSON and the handler checks the rest itself (PUT /menu: 422 with every problem). */
    shown?: Schema;
  };
  /** The query, parsed by `queryParams(schema)` unless `ownValidation`. */
  query?: Q;
  /** The codes the handler itself can answer with; statuses come from the catalog. */
  errors?: readonly Code[];
  /** A per-client limit (answers 429 rate_limited), built once from the function's deps. */
  rateLimit?: (deps: Deps) => MiddlewareHandler;
};

type RouteHandler<P extends string, B, Q> = Handler<AppEnv, P, RouteInput<B, Q>> | MiddlewareHandler<AppEnv, P, RouteInput<B, Q>>;

export type RouteRow<Deps> = {
  doc: RouteDoc;
  mount(app: Hono<AppEnv>, deps: Deps, guards: Guards): void;
};

/**
 * The `route()` of one function: rows whose `errors` must be codes of `catalog` (the shared
 * HTTP codes are always allowed), and whose handlers are built from the function's `Deps`.
 */
export function routeTable<Deps, Code extends string>(catalog: ErrorCatalog<Code>) {
  // The catalog's own status wins: /legacy answers validation_failed as 422 (legacy-errors.ts).
  const statuses: Record<string, number> = { ...HTTP_ERRORS.statuses, ...catalog.statuses };
  const statusOf = (code: string): number => {
    const status = statuses[code];
    if (status === undefined) throw new Error(`error code ${code} is in no catalog`);
    return status;
  };

  function route<P extends string, B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
    spec: RouteSpec<P, B, Q, Code | CodeOf<typeof HTTP_ERRORS>, Deps>,
    handler: (deps: Deps) => RouteHandler<P, B, Q>,
  ): RouteRow<Deps> {
    return row(spec, (app, deps) => app.on(spec.method, spec.path, handler(deps)));
  }

  /** A WebSocket route (a GET upgraded to a socket): `events` makes one connection's handlers. */
  function socket<P extends string, Q extends Schema | undefined = undefined>(
    spec: RouteSpec<P, undefined, Q, Code | CodeOf<typeof HTTP_ERRORS>, Deps> & Required<Pick<RouteDoc, 'websocket'>>,
    events: (deps: Deps) => (c: Context<AppEnv>) => WSEvents,
  ): RouteRow<Deps> {
    // A plain GET (no upgrade) is answered here, 404 not_found, and never falls through to a
    // sibling route such as GET /chat/:sessionId reading "ws" as a session id.
    const errors = [...new Set([...(spec.errors ?? []), 'not_found' as const])];
    return row({ ...spec, errors }, (app, deps) => {
      const connect = events(deps);
      app.on(
        spec.method,
        spec.path,
        upgradeWebSocket((c) => connect(c)),
        () => {
          throw HTTP_ERRORS.raise('not_found', `${spec.path} takes a WebSocket upgrade`);
        },
      );
    });
  }

  function row<P extends string, B extends Schema | undefined, Q extends Schema | undefined>(
    spec: RouteSpec<P, B, Q, string, Deps>,
    register: (app: Hono<AppEnv>, deps: Deps) => void,
  ): RouteRow<Deps> {
    const { body, query, errors, rateLimit, ...rest } = spec;
    const byStatus: Record<number, string[]> = {};
    for (const code of errors ?? []) (byStatus[statusOf(code)] ??= []).push(code);
    const doc: RouteDoc = {
      ...rest,
      ...(body?.schema ? { body: { ...body, schema: body.shown ?? body.schema } } : {}),
      ...(query ? { query } : {}),
      ...(rateLimit ? { limited: true } : {}),
      ...(errors?.length ? { errors: byStatus } : {}),
    };
    const documented = new Set(Object.values(errorsOf(doc)).flat());
    return {
      doc,
      mount(app, deps, guards) {
        const chain: MiddlewareHandler<AppEnv>[] = [watchUndeclaredErrors(documented)];
        if (spec.auth && spec.auth !== 'staff-view') {
          const guard = guards[spec.auth];
          if (!guard) throw new Error(`${spec.method} ${spec.path} needs the ${spec.auth} guard`);
          chain.push(guard);
        }
        if (rateLimit) chain.push(rateLimit(deps));
        if (query && !spec.ownValidation) chain.push(queryParams(query));
        if (body?.schema) chain.push(jsonBody(body.schema));
        // Handlers registered one after another for the same method and path run as one chain.
        for (const middleware of chain) app.on(spec.method, spec.path, middleware);
        register(app, deps);
      },
    };
  }

  return Object.assign(route, { socket });
}

/** A function's route table: its rows, plus the health check and document every function serves. */
export type FunctionRoutes<Deps> = {
  name: string;
  title: string;
  description: string;
  /** The shape of GET /healthz/<name>. */
  checkShape: Schema;
  rows: RouteRow<Deps>[];
};

/** The OpenAPI rows of a function: what health's endpoint map and GET /openapi.json show. */
export function functionDoc<Deps>(table: FunctionRoutes<Deps>): FunctionDoc {
  return {
    name: table.name,
    title: table.title,
    description: table.description,
    routes: [...commonRoutes(table.name, table.checkShape), ...table.rows.map((row) => row.doc)],
  };
}

/** Registers every row of the table on `app`, with GET /healthz/<name> and GET /openapi.json. */
export function mountRoutes<Deps>(
  app: Hono<AppEnv>,
  table: FunctionRoutes<Deps>,
  { deps, guards = {}, check }: { deps: Deps; guards?: Guards; check: () => Promise<HealthCheck> },
): void {
  app.get(`/healthz/${table.name}`, async (c) => {
    const result = await check();
    return c.json(result, result.status === 'down' ? 503 : 200);
  });
  let document: object | undefined;
  app.get('/openapi.json', (c) => c.json((document ??= buildDocument(functionDoc(table)))));
  for (const row of table.rows) row.mount(app, deps, guards);
}
