import { describe, expect, it } from 'vitest';
import { createTestOrderApp, jsonHeaders, sampleLine } from '../../shared/testing/order-fixture.ts';

type Json = Record<string, any>;

function setup() {
  const { app, opened } = createTestOrderApp();
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: jsonHeaders,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const count = (table: string) => (opened.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const newSession = async () => (await send('POST', '/sessions', {})).body.id as string;
  return { send, count, newSession };
}

const place = (cart: Json[], extra: Json = {}) => ({ expectedVersion: 0, state: 'placed', cart, draft: null, placeOrder: true, ...extra });

describe('session commits (issue 11 item 13)', () => {
  it('order line ids are the server’s: two carts with the same client lineId both place their order', async () => {
    const { send, count, newSession } = setup();
    const cart = [{ ...sampleLine, lineId: 'same' }];
    const first = await send('POST', `/sessions/${await newSession()}/commit`, place(cart));
    const second = await send('POST', `/sessions/${await newSession()}/commit`, place(cart));
    expect([first.status, second.status]).toEqual([200, 200]);
    const lineIds = [first.body.order.lines[0].lineId, second.body.order.lines[0].lineId];
    expect(lineIds.every((id) => id.startsWith('ln_'))).toBe(true);
    expect(new Set(lineIds).size).toBe(2);
    expect(count('order_lines')).toBe(2);
  });

  it('a cart repeating a lineId is a 400, nothing written', async () => {
    const { send, count, newSession } = setup();
    const id = await newSession();
    const response = await send(
      'POST',
      `/sessions/${id}/commit`,
      place([
        { ...sampleLine, lineId: 'a' },
        { ...sampleLine, lineId: 'a' },
      ]),
    );
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(count('orders')).toBe(0);
    expect((await send('GET', `/sessions/${id}`)).body.version).toBe(0);
  });

  it.each([
    ['30,000 deep', `{"a":${'['.repeat(30_000)}${']'.repeat(30_000)}}`],
    ['deeper than 8', JSON.stringify({ a: { b: { c: { d: { e: { f: { g: { h: { i: { j: 1 } } } } } } } } } })],
    ['an array', '[1,2,3]'],
    ['larger than 4 KB', JSON.stringify({ text: 'x'.repeat(5000) })],
  ])('pending %s is a 400, nothing written', async (_name, pending) => {
    const { send, newSession } = setup();
    const id = await newSession();
    const body = `{"expectedVersion":0,"state":"collecting","cart":[],"draft":null,"pending":${pending}}`;
    const response = await send('POST', `/sessions/${id}/commit`, body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect((await send('GET', `/sessions/${id}`)).body.version).toBe(0);
  });

  it('keeps a pending question the rule engine would write', async () => {
    const { send, newSession } = setup();
    const id = await newSession();
    const pending = { q: 'quantity', drink: { itemId: 'pearl-milk-tea', size: 'L', addToppings: ['pudding'], removeToppings: [] }, text: '再来一杯' };
    const response = await send('POST', `/sessions/${id}/commit`, { expectedVersion: 0, state: 'collecting', cart: [], draft: null, pending });
    expect(response.status).toBe(200);
    expect(response.body.session.pending).toEqual(pending);
  });
});
