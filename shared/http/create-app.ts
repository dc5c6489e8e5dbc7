import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import { trimTrailingSlash } from 'hono/trailing-slash';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { AppError, constraintErrorOf, toErrorBody } from '../errors.ts';
import { HTTP_ERRORS } from './http-errors.ts';
import type { AppEnv } from './app-env.ts';
import { VOUCHED_CLIENT_HEADER } from './client-key.ts';
import { carriesBearer } from './staff-auth.ts';
import type { Logger } from './logger.ts';

export type CreateAppOptions = {
  name: string;
  log: Logger;
  /** Origins allowed by CORS; empty means any origin (the API uses bearer tokens, not cookies). */
  allowedOrigins?: string[];
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes?: number;
  /** Larger limits for single routes, by "METHOD /path" (a whole menu on PUT /menu). */
  bodyLimits?: Record<string, number>;
  /** Proxies in front whose X-Forwarded-For hop is trusted (TRUST_PROXY_HOPS); see client-key.ts. */
  trustProxyHops?: number;
  /**
   * INTERNAL_API_TOKEN: a caller presenting it may name the end client in X-Tea-Client, so a
   * sibling calling on a customer's behalf (web's /legacy on Modal) doesn't pool every
   * customer into its own address's rate-limit bucket.
   */
  internalToken?: string;
  /**
   * This function's own errors (an order-service failure, a client gone, an upstream refusal)
   * as AppError, for the one onError; `c` gives the request's logger for a cause worth logging.
   */
  toAppError?: (error: unknown, c: Context<AppEnv>) => unknown;
};

const DEFAULT_BODY_LIMIT = 64 * 1024;

/** The Hono app every function starts from: request id, access log, CORS, body limit, one error shape. */
export function createApp({
  name,
  log,
  allowedOrigins = [],
  bodyLimitBytes = DEFAULT_BODY_LIMIT,
  bodyLimits = {},
  trustProxyHops = 0,
  internalToken,
  toAppError = (error) => error,
}: CreateAppOptions) {
  const app = new Hono<AppEnv>();
  const fnLog = log.child({ fn: name });
  const anyOrigin = allowedOrigins.length === 0 || allowedOrigins.includes('*');

  app.use(requestId({ limitLength: 64 }));
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('log', fnLog.child({ requestId: c.get('requestId') }));
    await next();
    fnLog.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      route: c.req.routePath,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  // A GET typed with a trailing slash (/staff/, /docs/) that would be a 404 is sent to the
  // path without it (301). On the local server the fallback function (health) answers it,
  // and the redirect then reaches the path's owner.
  app.use(trimTrailingSlash());
  app.use((c, next) => {
    c.set('trustProxyHops', trustProxyHops);
    const vouched = c.req.header(VOUCHED_CLIENT_HEADER);
    if (internalToken && vouched && carriesBearer(c.req.header('authorization'), internalToken)) c.set('vouchedClient', vouched);
    // CORS does not apply to WebSockets: a page on any site may open one, so the upgrade
    // itself checks the Origin. No Origin header means no browser, which CORS never bound.
    if (!anyOrigin && c.req.header('upgrade')?.toLowerCase() === 'websocket') {
      const origin = c.req.header('origin');
      if (origin !== undefined && !allowedOrigins.includes(origin)) {
        throw HTTP_ERRORS.raise('origin_not_allowed', `WebSocket connections from ${origin.slice(0, 100)} are not allowed`);
      }
    }
    return next();
  });
  app.use(
    cors({
      origin: anyOrigin ? '*' : allowedOrigins,
      allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Request-Id'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'X-Tts-Provider', 'X-Tts-Format'],
      maxAge: 600,
    }),
  );
  const tooLarge = (limit: number) => () => HTTP_ERRORS.raise('payload_too_large', `request body is larger than ${limit} bytes`);
  // With a Content-Length (what clients send for JSON) the header alone decides, since Node's
  // HTTP parser never delivers more than it. A chunked body is counted as the route reads it
  // and fails with 413 the moment it passes the limit: nothing buffers it first (hono's
  // bodyLimit would read all of it before the route's own checks run).
  app.use((c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const limit = bodyLimits[`${c.req.method} ${c.req.path}`] ?? bodyLimitBytes;
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number.parseInt(length, 10) > limit) throw tooLarge(limit)();
      return next();
    }
    const body = c.req.raw.body;
    // Cast: Node's fetch needs `duplex` for a streamed body, and the DOM's RequestInit does not declare it yet.
    if (body) c.req.raw = new Request(c.req.raw, { body: body.pipeThrough(countBytes(limit, tooLarge(limit))), duplex: 'half' } as RequestInit);
    return next();
  });

  app.notFound((c) => c.json(toErrorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((thrown, c) => {
    const error = toAppError(thrown, c);
    if (error instanceof AppError) {
      return c.json(toErrorBody(error.code, error.message, error.details), error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(toErrorBody(codeForStatus(error.status), error.message || 'bad request'), error.status);
    }
    const conflict = constraintErrorOf(error);
    if (conflict) {
      (c.get('log') ?? fnLog).warn('constraint violation answered as 409', { requestId: c.get('requestId'), route: c.req.routePath, err: error });
      return c.json(toErrorBody(conflict.code, conflict.message), 409);
    }
    (c.get('log') ?? fnLog).error('unhandled error', { requestId: c.get('requestId'), route: c.req.routePath, err: error });
    return c.json(toErrorBody('internal_error', 'something went wrong on our side'), 500);
  });
  return app;
}

/** Passes chunks through until more than `max` bytes went by, then fails the stream. */
function countBytes(max: number, tooLarge: () => Error): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > max) controller.error(tooLarge());
      else controller.enqueue(chunk);
    },
  });
}

function codeForStatus(status: number): string {
  const codes: Record<number, string> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    409: 'conflict',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    422: 'unprocessable',
    429: 'rate_limited',
  };
  return codes[status] ?? 'bad_request';
}
