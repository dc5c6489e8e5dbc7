import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { createApp } from './create-app.ts';
import { createLogger } from './logger.ts';

// A Hono HTTPException (thrown by Hono itself or a middleware) below 500 keeps its status and
// gets our error shape with a code a client can switch on; 5xx ones are our failure.
function appThrowing(error: () => unknown) {
  const lines: string[] = [];
  const app = createApp({ name: 'test', log: createLogger({ write: (line) => lines.push(line) }) });
  app.get('/boom', () => {
    throw error();
  });
  return { app, lines };
}

describe('createApp: HTTPException', () => {
  const table: [number, string][] = [
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [405, 'method_not_allowed'],
    [409, 'conflict'],
    [413, 'payload_too_large'],
    [415, 'unsupported_media_type'],
    [422, 'unprocessable'],
    [429, 'rate_limited'],
    [418, 'bad_request'], // any other 4xx
  ];
  it.each(table)('%i answers with its status, code %s and its message', async (status, code) => {
    const { app } = appThrowing(() => new HTTPException(status as 400, { message: `status ${status}` }));
    const res = await app.request('/boom');
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: { code, message: `status ${status}` } });
  });

  it('without a message says "bad request"', async () => {
    const { app } = appThrowing(() => new HTTPException(401));
    const res = await app.request('/boom');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'bad request' } });
  });

  it('a 5xx one is an internal error: 500, a generic message and an error log line', async () => {
    const { app, lines } = appThrowing(() => new HTTPException(500, { message: 'secret detail' }));
    const res = await app.request('/boom');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'internal_error', message: 'something went wrong on our side' } });
    expect(lines.map((line) => JSON.parse(line)).filter((entry) => entry.level === 'error')).toMatchObject([
      { msg: 'unhandled error', fn: 'test', route: '/boom', err: { name: 'Error', message: 'secret detail' } },
    ]);
  });

  it("a 499 is still the client's (the boundary is 500)", async () => {
    const { app } = appThrowing(() => new HTTPException(499 as 400, { message: 'client gone' }));
    const res = await app.request('/boom');
    expect(res.status).toBe(499);
    expect(await res.json()).toEqual({ error: { code: 'bad_request', message: 'client gone' } });
  });
});
