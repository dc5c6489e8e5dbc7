import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { createApp, type CreateAppOptions } from './create-app.ts';
import { clientIdentity } from './client-key.ts';
import { createLogger, silentLogger } from './logger.ts';

// What every function's app promises outside its routes: the access log line operators grep,
// the request id, CORS for browsers, the body limit and the one error shape.
function build(options: Partial<CreateAppOptions> = {}) {
  const lines: Record<string, unknown>[] = [];
  const app = createApp({ name: 'order', log: createLogger({ write: (line) => lines.push(JSON.parse(line)) }), ...options });
  app.get('/orders/:id', (c) => {
    c.get('log').info('looked up', { id: c.req.param('id') });
    return c.json({ id: c.req.param('id') });
  });
  app.post('/orders', async (c) => c.json({ bytes: (await c.req.text()).length }, 201));
  app.get('/conflict', () => {
    throw Object.assign(new Error('UNIQUE constraint failed: orders.id'), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
  });
  app.get('/details', () => {
    throw new AppError(422, 'item_unavailable', 'taro is sold out', { itemId: 'taro' });
  });
  return { app, lines };
}

describe('createApp access log and request id', () => {
  it('logs one line per request with id, method, route, path, status and duration; route logs carry the id', async () => {
    const { app, lines } = build();
    const res = await app.request('/orders/o-1', { headers: { 'X-Request-Id': 'req-42' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req-42');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'looked up', fn: 'order', requestId: 'req-42', id: 'o-1' });
    expect(lines[1]).toMatchObject({
      level: 'info',
      msg: 'request',
      fn: 'order',
      requestId: 'req-42',
      method: 'GET',
      route: '/orders/:id',
      path: '/orders/o-1',
      status: 200,
    });
    expect(typeof lines[1]!.ms).toBe('number');
    expect(lines[1]!.ms).toBeGreaterThanOrEqual(0);
  });

  it('makes up a request id when the client sends none, and replaces one longer than 64 characters', async () => {
    const { app } = build();
    const generated = (await app.request('/orders/o-1')).headers.get('x-request-id');
    expect(generated).toMatch(/^[\w-]{8,}$/);
    const long = 'x'.repeat(65);
    expect((await app.request('/orders/o-1', { headers: { 'X-Request-Id': long } })).headers.get('x-request-id')).not.toBe(long);
    expect((await app.request('/orders/o-1', { headers: { 'X-Request-Id': 'x'.repeat(64) } })).headers.get('x-request-id')).toBe('x'.repeat(64));
  });

  it('answers an unknown route 404 not_found naming it', async () => {
    const { app } = build();
    const res = await app.request('/nope', { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'no route for DELETE /nope' } });
  });

  it('renders AppError details, and logs a constraint failure answered as 409 as a warning', async () => {
    const { app, lines } = build();
    const details = await app.request('/details');
    expect(details.status).toBe(422);
    expect(await details.json()).toEqual({ error: { code: 'item_unavailable', message: 'taro is sold out', details: { itemId: 'taro' } } });
    const conflict = await app.request('/conflict', { headers: { 'X-Request-Id': 'req-9' } });
    expect(conflict.status).toBe(409);
    expect(lines.find((line) => line.level === 'warn')).toMatchObject({
      msg: 'constraint violation answered as 409',
      requestId: 'req-9',
      route: '/conflict',
      err: { message: 'UNIQUE constraint failed: orders.id', code: 'SQLITE_CONSTRAINT_PRIMARYKEY' },
    });
  });
});

describe('createApp CORS', () => {
  const preflight = (app: ReturnType<typeof build>['app'], origin: string) =>
    app.request('/orders', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('with ALLOWED_ORIGINS, allows only those origins, the headers and methods the API uses, cached 10 minutes', async () => {
    const { app } = build({ allowedOrigins: ['https://shop.example'] });
    const allowed = await preflight(app, 'https://shop.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('Content-Type,Authorization,Idempotency-Key,X-Request-Id');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,PATCH,DELETE,OPTIONS');
    expect(allowed.headers.get('access-control-max-age')).toBe('600');
    expect((await preflight(app, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const get = await app.request('/orders/o-1', { headers: { origin: 'https://shop.example' } });
    expect(get.headers.get('access-control-expose-headers')).toBe('X-Request-Id,Retry-After,X-Tts-Provider,X-Tts-Format');
  });

  it('without a list, or with "*" in it, allows any origin', async () => {
    for (const allowedOrigins of [[], ['https://shop.example', '*']]) {
      const { app } = build({ allowedOrigins });
      expect((await preflight(app, 'https://anywhere.example')).headers.get('access-control-allow-origin')).toBe('*');
    }
  });
});

describe('createApp body limit by Content-Length', () => {
  it('answers 413 payload_too_large for a declared length over the limit, and lets one at the limit through', async () => {
    const { app } = build({ bodyLimitBytes: 10 });
    const over = await app.request('/orders', { method: 'POST', body: 'x'.repeat(11), headers: { 'content-length': '11' } });
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ error: { code: 'payload_too_large', message: 'request body is larger than 10 bytes' } });
    const at = await app.request('/orders', { method: 'POST', body: 'x'.repeat(10), headers: { 'content-length': '10' } });
    expect(at.status).toBe(201);
    expect(await at.json()).toEqual({ bytes: 10 });
  });

  it('defaults to 64 KiB', async () => {
    const { app } = build();
    const size = 64 * 1024;
    expect((await app.request('/orders', { method: 'POST', body: 'x'.repeat(size), headers: { 'content-length': String(size) } })).status).toBe(201);
    expect((await app.request('/orders', { method: 'POST', body: 'x'.repeat(size + 1), headers: { 'content-length': String(size + 1) } })).status).toBe(413);
  });
});

describe('createApp WebSocket origins and vouched clients', () => {
  it('refuses an upgrade from an unlisted origin with a message naming it (cut at 100 characters); plain requests pass', async () => {
    const { app } = build({ allowedOrigins: ['https://shop.example'] });
    const origin = `https://${'e'.repeat(120)}.example`;
    const res = await app.request('/orders/o-1', { headers: { upgrade: 'WebSocket', origin } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'origin_not_allowed', message: `WebSocket connections from ${origin.slice(0, 100)} are not allowed` } });
    expect((await app.request('/orders/o-1', { headers: { upgrade: 'websocket', origin: 'https://shop.example' } })).status).toBe(200);
    expect((await app.request('/orders/o-1', { headers: { origin } })).status).toBe(200);
  });

  it('takes X-Tea-Client only from a caller holding the internal token, capped at 64 characters', async () => {
    const app = createApp({ name: 'web', log: silentLogger, internalToken: 'svc', trustProxyHops: 1 });
    app.get('/who', (c) => c.json(clientIdentity(c)));
    const who = async (headers: Record<string, string>) => (await (await app.request('/who', { headers })).json()) as { key: string; known: boolean };
    const client = `c-${'x'.repeat(100)}`;
    expect(await who({ 'x-tea-client': client, authorization: 'Bearer svc', 'x-forwarded-for': '198.51.100.1' })).toEqual({
      key: client.slice(0, 64),
      known: true,
    });
    expect((await who({ 'x-tea-client': client, authorization: 'Bearer nope', 'x-forwarded-for': '198.51.100.1' })).key).toBe('198.51.100.1');
    const open = createApp({ name: 'web', log: silentLogger, trustProxyHops: 1 });
    open.get('/who', (c) => c.json(clientIdentity(c)));
    const res = await open.request('/who', { headers: { 'x-tea-client': client, authorization: 'Bearer svc', 'x-forwarded-for': '198.51.100.1' } });
    expect(((await res.json()) as { key: string }).key).toBe('198.51.100.1');
  });
});
