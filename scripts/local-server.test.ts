import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { FunctionInstance } from '../shared/http/function-module.ts';
import { composeFunctions, routeList } from './local-server.ts';

function fn(name: string, build: (app: Hono) => void): FunctionInstance {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('x-function', name);
  });
  build(app);
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `${name}: no route` } }, 404));
  return { name, app: app as unknown as FunctionInstance['app'], check: async () => ({ status: 'ok' }), close: async () => {} };
}

const order = fn('order', (app) => {
  app.get('/orders/:id', (c) => c.text(`order ${c.req.param('id')}`));
  app.post('/orders', (c) => c.text('created', 201));
  app.get('/openapi.json', (c) => c.text('order doc'));
});
const health = fn('health', (app) => {
  app.get('/', (c) => c.text('welcome'));
  app.get('/openapi.json', (c) => c.text('health doc'));
});
const web = fn('web', (app) => {
  app.get('/', (c) => c.text('customer page'));
  app.route(
    '/docs',
    new Hono().get('/', (c) => c.text('docs')),
  );
});

describe('composeFunctions', () => {
  const { app, owners } = composeFunctions([order, web, health]);

  it('routes each path to the function whose routes declare it, request unchanged', async () => {
    const one = await app.request('/orders/ord_1');
    expect(await one.text()).toBe('order ord_1');
    expect(one.headers.get('x-function')).toBe('order');
    expect((await app.request('/orders', { method: 'POST' })).status).toBe(201);
    expect(await (await app.request('/docs')).text()).toBe('docs');
  });

  it("gives / and the paths every function has to health; the rest is health's 404", async () => {
    expect(await (await app.request('/')).text()).toBe('welcome');
    expect(await (await app.request('/openapi.json')).text()).toBe('health doc');
    const missing = await app.request('/nowhere');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'health: no route' } });
  });

  it("lists each function's first path segments for the banner", () => {
    expect(routeList('http://x', [order, web, health], owners)).toEqual(['  http://x/orders  (order)', '  http://x/docs  (web)', '  http://x/  (health)']);
  });

  it('refuses two functions routing the same path', () => {
    const other = fn('chat', (app) => app.get('/orders/:id', (c) => c.text('mine')));
    expect(() => composeFunctions([order, other, health])).toThrow('both order and chat route /orders/:id');
  });
});
