import { describe, expect, it } from 'vitest';
import { createTestOrderApp, jsonHeaders, sampleLine, staffHeaders } from '../../shared/testing/order-fixture.ts';

type Json = Record<string, any>;

function setup() {
  const { app, opened } = createTestOrderApp();
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = jsonHeaders) => {
    const response = await app.request(path, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const count = (table: string) => (opened.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const newSession = async () => (await send('POST', '/sessions', {})).body.id as string;
  return { send, count, newSession };
}

const turn = (expectedVersion: number, extra: Json = {}) => ({
  expectedVersion,
  state: 'collecting',
  cart: [{ ...sampleLine, lineId: 'l1' }],
  draft: null,
  ...extra,
});

describe('session refusals the chat function relies on', () => {
  it('checkout while a drink is half-specified is 422 draft_incomplete naming what is missing; nothing placed', async () => {
    const { send, count, newSession } = setup();
    const id = await newSession();
    await send('POST', `/sessions/${id}/commit`, turn(0, { draft: { itemId: 'jasmine-green-tea', size: 'L' } }));
    const response = await send('POST', `/sessions/${id}/checkout`, { expectedVersion: 1 });
    expect(response).toEqual({
      status: 422,
      body: { error: { code: 'draft_incomplete', message: 'finish the drink being ordered first (missing: sugar, ice)' } },
    });
    expect(count('orders')).toBe(0);
    expect((await send('GET', `/sessions/${id}`)).body).toMatchObject({ version: 1, state: 'collecting', cart: { total: 4100 } });
  });

  it('commit and checkout of an unknown session are 404 session_not_found; nothing written', async () => {
    const { send, count } = setup();
    const committed = await send('POST', '/sessions/sess-gone/commit', turn(0, { state: 'placed', placeOrder: true }));
    expect(committed).toEqual({ status: 404, body: { error: { code: 'session_not_found', message: 'no session sess-gone' } } });
    const checkedOut = await send('POST', '/sessions/sess-gone/checkout', { expectedVersion: 0 });
    expect(checkedOut).toEqual({ status: 404, body: { error: { code: 'session_not_found', message: 'no session sess-gone' } } });
    expect(count('orders') + count('sessions') + count('idempotency_keys')).toBe(0);
  });

  it('the name given with the confirming turn goes on the order (staff see it)', async () => {
    const { send, newSession } = setup();
    const id = await newSession();
    const placed = await send('POST', `/sessions/${id}/commit`, turn(0, { state: 'placed', placeOrder: true, customerName: 'Zhang Wei' }));
    expect(placed.body.order).toMatchObject({ customerName: 'Zhang Wei', status: 'placed' });
    expect((await send('GET', `/orders/${placed.body.order.id}`, undefined, staffHeaders)).body.customerName).toBe('Zhang Wei');
  });

  it.each([
    ['a number too large for a double (1e999 → Infinity)', '{"n":1e999}'],
    ['more than 512 values', `{"a":[${Array.from({ length: 600 }, () => '0').join(',')}]}`],
  ])('pending with %s is a 400, nothing written', async (_name, pending) => {
    const { send, newSession } = setup();
    const id = await newSession();
    const response = await send('POST', `/sessions/${id}/commit`, `{"expectedVersion":0,"state":"collecting","cart":[],"draft":null,"pending":${pending}}`);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect((await send('GET', `/sessions/${id}`)).body.version).toBe(0);
  });

  it('pending with numbers and exactly 512 values is kept', async () => {
    const { send, newSession } = setup();
    const id = await newSession();
    const pending = { quantity: 2, sugar: 0.5, list: Array.from({ length: 507 }, () => 1), flag: true };
    const response = await send('POST', `/sessions/${id}/commit`, { expectedVersion: 0, state: 'collecting', cart: [], draft: null, pending });
    expect(response.status).toBe(200);
    expect(response.body.session.pending).toEqual(pending);
  });
});
