import type * as v from 'valibot';

// One row per route a function serves. The OpenAPI document is built from these rows, and a
// test compares them with the routes the Hono app really registered, so neither can drift.

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type AnySchema = v.GenericSchema;

export type ResponseDoc = {
  description: string;
  /** JSON body (application/json); leave out for a body of another media type. */
  schema?: AnySchema;
  /** Other media types: binary audio, HTML, JavaScript… */
  media?: string[];
  headers?: Record<string, string>;
};

export type WebSocketDoc = {
  description: string;
  /** Frames the client sends (JSON text frames unless `clientBinary`). */
  clientFrames?: AnySchema;
  clientBinary?: string;
  serverFrames: AnySchema;
};

export type RouteDoc = {
  method: Method;
  /** Hono's spelling: /orders/:id */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** staff: bearer required (staff or owner token) · owner: the owner's token · staff-view: optional, more fields with it · internal: service token (when configured). */
  auth?: 'staff' | 'owner' | 'staff-view' | 'internal';
  /** Per-client rate limit: adds 429 rate_limited. */
  limited?: boolean;
  params?: Record<string, { description: string; schema?: AnySchema }>;
  query?: AnySchema;
  /** The handler checks its query itself and lists its own codes (no automatic 400 validation_failed). */
  ownValidation?: boolean;
  headers?: { name: string; description: string; required?: boolean }[];
  /** A JSON body validated by `jsonBody(schema)` (adds 400/415); `example` must be accepted by the server. */
  body?: { schema: AnySchema; example: unknown; description?: string };
  /** A body that is not JSON-validated (raw audio, a form): media type → JSON schema. */
  rawBody?: { description: string; content: Record<string, object>; example?: { media: string; value: unknown } };
  responses: Record<number, ResponseDoc>;
  /** Error statuses and every `code` the route itself can answer with (the shared ones are added). */
  errors?: Record<number, string[]>;
  websocket?: WebSocketDoc;
};

export type FunctionDoc = { name: string; title: string; description: string; routes: RouteDoc[] };

/** Routes every function has: its own health check and its own document. */
export function commonRoutes(name: string, checkSchema: AnySchema): RouteDoc[] {
  return [
    {
      method: 'GET',
      path: `/healthz/${name}`,
      summary: `Health of the ${name} function`,
      tag: 'operations',
      responses: { 200: { description: 'ok or degraded', schema: checkSchema }, 503: { description: 'down', schema: checkSchema } },
    },
    {
      method: 'GET',
      path: '/openapi.json',
      summary: `This document (OpenAPI 3.1)`,
      tag: 'operations',
      responses: { 200: { description: 'the OpenAPI document of this function' } },
    },
  ];
}

/** A route serving a page or a static file rather than JSON: one line in a route table. */
export function pageRoute(path: string, summary: string, media = 'text/html'): RouteDoc {
  return { method: 'GET', path, summary, tag: 'pages', responses: { 200: { description: summary, media: [media] }, 404: { description: 'no such file' } } };
}
