import { toJsonSchema, toJsonSchemaDefs } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { APP_VERSION } from '../version.ts';
import { NAMED_SHAPES } from './response-shapes.ts';
import type { FunctionDoc, RouteDoc } from './route-doc.ts';

// Generated from the very valibot schemas the routes validate with (@valibot/to-json-schema,
// already a dependency). hono-openapi would wrap every route in describeRoute()/resolver()
// calls inside app.ts; a route table beside each app keeps the route code as it is and is
// what the completeness test compares with `app.routes`.

type Json = Record<string, unknown>;
/** An OpenAPI response object, as this builder writes them. */
type ResponseObject = { description: string; content?: Record<string, { schema: Json }>; headers?: Json };

const ERROR_BODY_DESCRIPTION = 'The error shape of every function: {"error":{"code","message","details?"}}';

/** Codes any route can answer with, whatever it does. */
const EVERY_ROUTE: Record<number, string[]> = { 500: ['internal_error'], 503: ['shutting_down'] };

const COMPONENT_REF = '#/components/schemas/';
const responseOptions = {
  target: 'draft-2020-12',
  typeMode: 'output',
  errorMode: 'ignore',
  overrideRef: ({ referenceId }: { referenceId: string }) => `${COMPONENT_REF}${referenceId}`,
} as const;

/** Request schemas inline (input types: defaults make fields optional); responses name the shared models. */
function toSchema(schema: v.GenericSchema, typeMode: 'input' | 'output'): Json {
  const converted =
    typeMode === 'output'
      ? toJsonSchema(schema, { ...responseOptions, definitions: NAMED_SHAPES })
      : toJsonSchema(schema, { target: 'draft-2020-12', typeMode, errorMode: 'ignore' });
  // Cast: @valibot/to-json-schema types its output as its own JSONSchema7; this builder writes plain JSON objects.
  const { $schema: _dialect, $defs: _defs, ...rest } = converted as Json;
  return rest;
}

let namedSchemas: Record<string, Json> | undefined;

/** The named models a document refers to, and the ones those refer to. */
function componentsFor(document: unknown): Record<string, Json> {
  namedSchemas ??= Object.fromEntries(
    // Cast: as above, the library's JSONSchema7 record as plain JSON objects.
    Object.entries(toJsonSchemaDefs(NAMED_SHAPES, responseOptions) as unknown as Record<string, Json>).map(([name, { $schema: _d, ...schema }]) => [
      name,
      schema,
    ]),
  );
  const used: Record<string, Json> = {};
  let pending = [JSON.stringify(document)];
  while (pending.length > 0) {
    const next: string[] = [];
    for (const text of pending) {
      for (const [, name] of text.matchAll(/#\/components\/schemas\/(\w+)/g)) {
        if (name && !used[name] && namedSchemas[name]) {
          used[name] = namedSchemas[name]!;
          next.push(JSON.stringify(used[name]));
        }
      }
    }
    pending = next;
  }
  return used;
}

function errorSchema(codes: string[]): Json {
  return {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', ...(codes.length > 0 ? { enum: [...new Set(codes)].sort() } : {}) },
          message: { type: 'string' },
          details: { type: 'object' },
        },
      },
    },
  };
}

/** Every error status a route can answer, with its codes: its own plus what its middleware adds. */
export function errorsOf(route: RouteDoc): Record<number, string[]> {
  const all: Record<number, string[]> = {};
  const add = (status: number, ...codes: string[]) => (all[status] = [...new Set([...(all[status] ?? []), ...codes])]);
  for (const [status, codes] of Object.entries(EVERY_ROUTE)) add(Number(status), ...codes);
  if (route.method !== 'GET') add(413, 'payload_too_large');
  if (route.body) {
    add(400, 'invalid_json', 'validation_failed');
    add(415, 'unsupported_media_type');
  }
  if (route.query && !route.ownValidation) add(400, 'validation_failed');
  if (route.auth === 'staff') {
    add(401, 'unauthorized');
    add(403, 'forbidden');
    add(503, 'staff_api_disabled');
  }
  if (route.auth === 'owner') {
    add(401, 'unauthorized');
    add(403, 'forbidden');
    add(503, 'owner_api_disabled');
  }
  if (route.auth === 'internal') {
    add(401, 'unauthorized');
    add(403, 'forbidden');
  }
  if (route.limited) add(429, 'rate_limited');
  for (const [status, codes] of Object.entries(route.errors ?? {})) add(Number(status), ...codes);
  return all;
}

export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function operation(route: RouteDoc): Json {
  const parameters: Json[] = [];
  for (const name of [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!)) {
    const param = route.params?.[name];
    parameters.push({
      name,
      in: 'path',
      required: true,
      description: param?.description ?? name,
      schema: param?.schema ? toSchema(param.schema, 'input') : { type: 'string' },
    });
  }
  if (route.query) {
    // Cast: a query schema is an object schema, so its JSON Schema has properties and required.
    const query = toSchema(route.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
    }
  }
  for (const header of route.headers ?? [])
    parameters.push({ name: header.name, in: 'header', required: header.required ?? false, description: header.description, schema: { type: 'string' } });

  const responses: Record<string, ResponseObject> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const content: Record<string, { schema: Json }> = {};
    if (response.schema) content['application/json'] = { schema: toSchema(response.schema, 'output') };
    for (const media of response.media ?? [])
      content[media] = { schema: { type: 'string', ...(media.startsWith('audio/') ? { contentMediaType: media } : {}) } };
    responses[status] = {
      description: response.description,
      ...(Object.keys(content).length > 0 ? { content } : {}),
      ...(response.headers
        ? { headers: Object.fromEntries(Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])) }
        : {}),
    };
  }
  for (const [status, codes] of Object.entries(errorsOf(route))) {
    const existing = responses[status];
    const description = `${existing ? `${existing.description}; or an error` : 'Error'}: ${codes.join(', ')}`;
    responses[status] = {
      description,
      ...(status === '429' ? { headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'string' } } } } : {}),
      content: {
        ...existing?.content,
        'application/json': {
          schema: existing ? { oneOf: [existing.content?.['application/json']?.schema ?? {}, errorSchema(codes)] } : errorSchema(codes),
        },
      },
    };
  }

  const security =
    route.auth === 'staff'
      ? [{ staffBearer: [] }, { ownerBearer: [] }]
      : route.auth === 'owner'
        ? [{ ownerBearer: [] }]
        : route.auth === 'staff-view'
          ? [{}, { staffBearer: [] }]
          : route.auth === 'internal'
            ? [{ internalBearer: [] }, {}]
            : undefined;
  const op: Json = {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^\w]+(\w?)/g, (_m, c: string) => c.toUpperCase())}`,
    summary: route.summary,
    ...(route.description || route.websocket ? { description: [route.description, route.websocket?.description].filter(Boolean).join('\n\n') } : {}),
    tags: [route.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(security ? { security } : {}),
    responses,
  };
  if (route.body) {
    op.requestBody = {
      required: true,
      ...(route.body.description ? { description: route.body.description } : {}),
      content: { 'application/json': { schema: toSchema(route.body.schema, 'input'), example: route.body.example } },
    };
  }
  if (route.rawBody) {
    op.requestBody = {
      required: true,
      description: route.rawBody.description,
      content: Object.fromEntries(
        Object.entries(route.rawBody.content).map(([media, schema]) => [
          media,
          { schema, ...(route.rawBody?.example?.media === media ? { example: route.rawBody.example.value } : {}) },
        ]),
      ),
    };
  }
  if (route.websocket) {
    // OpenAPI has no WebSocket operations: the upgrade is a GET answered 101, the frames an extension.
    op['x-websocket'] = {
      clientFrames: route.websocket.clientFrames
        ? toSchema(route.websocket.clientFrames, 'input')
        : route.websocket.clientBinary
          ? { description: route.websocket.clientBinary }
          : null,
      serverFrames: toSchema(route.websocket.serverFrames, 'output'),
    };
  }
  return op;
}

/** The OpenAPI 3.1 document of one function. */
export function buildDocument(fn: FunctionDoc, serverUrl?: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of fn.routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation(route) };
  }
  const components = componentsFor(paths);
  return {
    openapi: '3.1.0',
    info: { title: fn.title, version: APP_VERSION, description: fn.description },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    tags: [...new Set(fn.routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...components, Error: { ...errorSchema([]), description: ERROR_BODY_DESCRIPTION } },
      securitySchemes: {
        staffBearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Authorization: Bearer <STAFF_TOKEN>. Without STAFF_TOKEN configured, staff routes answer 503 staff_api_disabled; `npm start` prints a generated one.',
        },
        ownerBearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Authorization: Bearer <OWNER_TOKEN>: the menu, its prices and versions. It also opens the staff routes. Without OWNER_TOKEN configured, owner routes answer 503 owner_api_disabled; `npm start` prints a generated one.',
        },
        internalBearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Authorization: Bearer <INTERNAL_API_TOKEN>, between functions on Modal. Unset (the local server) the route is open.',
        },
      },
    },
  };
}
