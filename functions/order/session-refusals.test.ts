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
  return { send, count, newSession, opened };
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

  it('pending of exactly 4096 bytes is kept, one byte more is a 400', async () => {
    const { send, newSession } = setup();
    const id = await newSession();
    const pending = (bytes: number) => ({ text: 'x'.repeat(bytes - '{"text":""}'.length) });
    const over = await send('POST', `/sessions/${id}/commit`, { expectedVersion: 0, state: 'collecting', cart: [], draft: null, pending: pending(4097) });
    expect(over.status).toBe(400);
    const kept = await send('POST', `/sessions/${id}/commit`, { expectedVersion: 0, state: 'collecting', cart: [], draft: null, pending: pending(4096) });
    expect(kept.status).toBe(200);
    expect(JSON.stringify(kept.body.session.pending)).toHaveLength(4096);
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

describe('what a session keeps', () => {
  it('a stale commit says which version the session is at', async () => {
    const { send, newSession } = setup();
    const id = await newSession();
    await send('POST', `/sessions/${id}/commit`, turn(0));
    const stale = await send('POST', `/sessions/${id}/commit`, turn(0, { cart: [] }));
    expect(stale).toEqual({
      status: 409,
      body: { error: { code: 'version_conflict', message: 'session changed since version 0; it is at 1', details: { currentVersion: 1 } } },
    });
  });

  it('a new line for a sold-out drink is refused naming the line and the drink', async () => {
    const { send, newSession } = setup();
    const id = await newSession();
    await send('PUT', '/menu/items/taro-milk-tea/availability', { available: false }, staffHeaders);
    const response = await send(
      'POST',
      `/sessions/${id}/commit`,
      turn(0, {
        cart: [
          { ...sampleLine, lineId: 'l1' },
          { ...sampleLine, itemId: 'taro-milk-tea', lineId: 'l2' },
        ],
      }),
    );
    expect(response).toEqual({
      status: 409,
      body: {
        error: { code: 'item_sold_out', message: 'line 2: taro-milk-tea is sold out today', details: { field: 'itemId', itemId: 'taro-milk-tea', line: 2 } },
      },
    });
  });

  it('a draft with nothing chosen yet is no draft: it does not block checkout', async () => {
    const { send, newSession } = setup();
    const id = await newSession();
    const append = [{ role: 'user', content: 'just that, thanks' }];
    const committed = await send('POST', `/sessions/${id}/commit`, turn(0, { draft: {}, append, pending: { q: 'more' } }));
    expect(committed.body.session.draft).toBeNull();
    const checkout = await send('POST', `/sessions/${id}/checkout`, { expectedVersion: 1 });
    expect(checkout.status).toBe(201);
    // The checkout adds no message and drops the open question.
    expect(checkout.body.session).toMatchObject({ version: 2, state: 'placed', history: append, pending: null, draft: null });
  });

  it('the language a turn sets stays until a turn changes it', async () => {
    const { send, newSession } = setup();
    const id = await newSession();
    expect((await send('POST', `/sessions/${id}/commit`, turn(0, { lang: 'en' }))).body.session.lang).toBe('en');
    expect((await send('POST', `/sessions/${id}/commit`, turn(1))).body.session.lang).toBe('en');
  });

  it('the confirming turn is recorded once, the draft cleared, and the order remembers its session', async () => {
    const { send, newSession, opened } = setup();
    const id = await newSession();
    const append = [
      { role: 'user', content: 'yes, that is all' },
      { role: 'assistant', content: 'Order placed.' },
    ];
    const placed = await send('POST', `/sessions/${id}/commit`, turn(0, { state: 'placed', placeOrder: true, draft: { itemId: 'jasmine-green-tea' }, append }));
    expect(placed.body.session).toMatchObject({ version: 2, state: 'placed', draft: null, history: append, pending: null });
    expect(opened.sqlite.prepare('SELECT session_id FROM orders WHERE id = ?').pluck().get(placed.body.order.id)).toBe(id);
  });

  it('keeps the last 40 messages of the conversation', async () => {
    const { send, newSession } = setup();
    const id = await newSession();
    const messages = (from: number) => Array.from({ length: 30 }, (_, i) => ({ role: 'user', content: `message ${from + i}` }));
    await send('POST', `/sessions/${id}/commit`, turn(0, { append: messages(1) }));
    const { body } = await send('POST', `/sessions/${id}/commit`, turn(1, { append: messages(31) }));
    expect(body.session.history.map((m: Json) => m.content)).toEqual(Array.from({ length: 40 }, (_, i) => `message ${21 + i}`));
  });

  it('an alias keeps its session until asked to start afresh', async () => {
    const { send } = setup();
    const first = (await send('POST', '/sessions/aliases', { alias: 'session_legacy1' })).body;
    expect(first).toMatchObject({ version: 0, lang: 'zh' });
    expect((await send('POST', '/sessions/aliases', { alias: 'session_legacy1', lang: 'en' })).body.id).toBe(first.id);
    const fresh = (await send('POST', '/sessions/aliases', { alias: 'session_legacy1', fresh: true, lang: 'en' })).body;
    expect(fresh).toMatchObject({ version: 0, lang: 'en' });
    expect(fresh.id).not.toBe(first.id);
    expect((await send('POST', '/sessions/aliases', { alias: 'session_legacy1' })).body.id).toBe(fresh.id);
  });
});

describe('checkout and commit retries', () => {
  it('checking out an empty cart says to add a drink first', async () => {
    const { send, newSession } = setup();
    const id = await newSession();
    expect(await send('POST', `/sessions/${id}/checkout`, { expectedVersion: 0 })).toEqual({
      status: 422,
      body: { error: { code: 'empty_cart', message: 'the cart is empty; add a drink first' } },
    });
  });

  it('a stale checkout is a 409, not a replay of an earlier order; nothing placed', async () => {
    const { send, count, newSession } = setup();
    const id = await newSession();
    await send('POST', `/sessions/${id}/commit`, turn(0));
    expect((await send('POST', `/sessions/${id}/checkout`, { expectedVersion: 1 })).status).toBe(201);
    await send('POST', `/sessions/${id}/commit`, turn(2)); // a new cart after the order: version 3
    const stale = await send('POST', `/sessions/${id}/checkout`, { expectedVersion: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'version_conflict', details: { currentVersion: 3 } });
    // Neither is a checkout naming a version from before the order was placed.
    const placedSession = await newSession();
    await send('POST', `/sessions/${placedSession}/commit`, turn(0));
    expect((await send('POST', `/sessions/${placedSession}/checkout`, { expectedVersion: 1 })).status).toBe(201);
    const older = await send('POST', `/sessions/${placedSession}/checkout`, { expectedVersion: 0 });
    expect(older.status).toBe(422);
    expect(older.body.error.code).toBe('empty_cart');
    // A session set to 'placed' by a turn that placed nothing has no order to replay either.
    const other = await newSession();
    await send('POST', `/sessions/${other}/commit`, turn(0, { state: 'placed' }));
    expect((await send('POST', `/sessions/${other}/checkout`, { expectedVersion: 0 })).status).toBe(409);
    expect(count('orders')).toBe(2);
  });

  it('a checkout Idempotency-Key reused with another version is a 409, nothing placed', async () => {
    const { send, count, newSession } = setup();
    const headers = { ...jsonHeaders, 'idempotency-key': 'checkout-1' };
    const id = await newSession();
    await send('POST', `/sessions/${id}/commit`, turn(0));
    expect((await send('POST', `/sessions/${id}/checkout`, { expectedVersion: 1 }, headers)).status).toBe(201);
    const reused = await send('POST', `/sessions/${id}/checkout`, { expectedVersion: 2 }, headers);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(count('orders')).toBe(1);
  });

  it('an Idempotency-Key belongs to its session: two sessions using the same key each place their own order', async () => {
    const { send, count, newSession } = setup();
    const headers = { ...jsonHeaders, 'idempotency-key': 'turn-1' };
    const a = await newSession();
    const b = await newSession();
    const placedA = await send('POST', `/sessions/${a}/commit`, turn(0, { state: 'placed', placeOrder: true }), headers);
    const placedB = await send('POST', `/sessions/${b}/commit`, turn(0, { state: 'placed', placeOrder: true }), headers);
    expect(placedB.body.session.id).toBe(b);
    expect(placedB.body.order.id).not.toBe(placedA.body.order.id);
    const c = await newSession();
    const d = await newSession();
    for (const id of [c, d]) await send('POST', `/sessions/${id}/commit`, turn(0));
    const checkoutC = await send('POST', `/sessions/${c}/checkout`, { expectedVersion: 1 }, headers);
    const checkoutD = await send('POST', `/sessions/${d}/checkout`, { expectedVersion: 1 }, headers);
    expect([checkoutC.status, checkoutD.status]).toEqual([201, 201]);
    expect(checkoutD.body.session.id).toBe(d);
    expect(count('orders')).toBe(4);
  });
});
