import { describe, expect, it } from 'vitest';
import { createTestOrderApp, jsonHeaders, sampleLine, staffHeaders, TEST_STAFF_TOKEN } from '../../shared/testing/order-fixture.ts';

type Json = Record<string, any>;

function setup(options: Parameters<typeof createTestOrderApp>[0] = {}) {
  const fixture = createTestOrderApp(options);
  const { app, opened } = fixture;
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = jsonHeaders) => {
    const response = await app.request(path, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
  };
  const count = (table: string) => (opened.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { ...fixture, send, count };
}

describe('GET /menu', () => {
  it('lists the menu with prices in fen and availability', async () => {
    const { send } = setup();
    const { status, body } = await send('GET', '/menu');
    expect(status).toBe(200);
    expect(body.currency).toBe('CNY');
    expect(body.items).toHaveLength(11);
    expect(body.items.find((item: Json) => item.id === 'mango-pomelo-sago')).toMatchObject({
      prices: { M: 2200, L: 2500 },
      hotAllowed: false,
      available: true,
    });
    expect(body.toppings).toHaveLength(7);
  });
});

describe('POST /orders', () => {
  it('creates an order priced by the server, ignoring client prices', async () => {
    const { send } = setup();
    const { status, body } = await send('POST', '/orders', { lines: [{ ...sampleLine, unitPrice: 1 }], customerName: 'Li', total: 0 });
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'placed', pickupCode: '1', total: 2 * (1800 + 250), currency: 'CNY', customerName: 'Li' });
    expect(body.id).toMatch(/^ord_/);
    expect(body.lines[0]).toMatchObject({ itemId: 'pearl-milk-tea', unitPrice: 2050, lineTotal: 4100 });
    expect(body.createdAt).toMatch(/Z$/);
    const { customerName: _name, ...publicView } = body;
    const fetched = await send('GET', `/orders/${body.id}`);
    expect(fetched.body).toEqual({ ...publicView, position: 1, etaSeconds: 120 });
    expect((await send('GET', `/orders/${body.id}`, undefined, staffHeaders)).body).toEqual(body);
  });

  it('numbers pickup codes per day and restarts them the next day', async () => {
    let now = new Date('2026-11-29T01:00:00Z');
    const { send } = setup({ now: () => now });
    expect((await send('POST', '/orders', { lines: [sampleLine] })).body.pickupCode).toBe('1');
    expect((await send('POST', '/orders', { lines: [sampleLine] })).body.pickupCode).toBe('2');
    now = new Date('2026-11-29T16:30:00Z'); // 00:30 on the 30th in Shanghai
    expect((await send('POST', '/orders', { lines: [sampleLine] })).body.pickupCode).toBe('1');
  });

  it('replays the same order for the same Idempotency-Key and rejects reuse with another body', async () => {
    const { send, count } = setup();
    const headers = { ...jsonHeaders, 'idempotency-key': 'kiosk-1:abc' };
    const first = await send('POST', '/orders', { lines: [sampleLine] }, headers);
    const again = await send('POST', '/orders', { lines: [sampleLine] }, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // The same request with its keys in another order is the same request.
    const reordered = JSON.stringify({ lines: [{ quantity: 2, toppings: ['pudding'], ice: 'light', sugar: 50, size: 'L', itemId: 'pearl-milk-tea' }] });
    expect((await send('POST', '/orders', reordered, headers)).status).toBe(200);
    const reused = await send('POST', '/orders', { lines: [{ ...sampleLine, quantity: 1 }] }, headers);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(count('orders')).toBe(1);
    const badKey = await send('POST', '/orders', { lines: [sampleLine] }, { ...jsonHeaders, 'idempotency-key': 'x'.repeat(200) });
    expect(badKey.status).toBe(400);
  });

  const malformed: [string, unknown, Record<string, string> | undefined, number, string][] = [
    ['invalid JSON', '{"lines": [', undefined, 400, 'invalid_json'],
    ['wrong content type', 'lines=1', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
    ['no content type', JSON.stringify({ lines: [sampleLine] }), {}, 415, 'unsupported_media_type'],
    ['not an object', '[]', undefined, 400, 'validation_failed'],
    ['no lines', { lines: [] }, undefined, 400, 'validation_failed'],
    ['size not on this menu', { lines: [{ ...sampleLine, size: 'XL' }] }, undefined, 422, 'size_not_offered'],
    ['size not an id', { lines: [{ ...sampleLine, size: 'L L' }] }, undefined, 400, 'validation_failed'],
    ['sugar not on this menu', { lines: [{ ...sampleLine, sugar: 40 }] }, undefined, 422, 'sugar_not_allowed'],
    ['sugar out of range', { lines: [{ ...sampleLine, sugar: 140 }] }, undefined, 400, 'validation_failed'],
    ['ice not on this menu', { lines: [{ ...sampleLine, ice: 'extra' }] }, undefined, 422, 'ice_not_allowed'],
    ['quantity 0', { lines: [{ ...sampleLine, quantity: 0 }] }, undefined, 400, 'validation_failed'],
    ['quantity 21 (the menu allows 20)', { lines: [{ ...sampleLine, quantity: 21 }] }, undefined, 422, 'quantity_out_of_range'],
    ['quantity 100', { lines: [{ ...sampleLine, quantity: 100 }] }, undefined, 400, 'validation_failed'],
    ['quantity as string', { lines: [{ ...sampleLine, quantity: '2' }] }, undefined, 400, 'validation_failed'],
    ['too many lines for the menu', { lines: Array.from({ length: 21 }, () => sampleLine) }, undefined, 422, 'too_many_lines'],
    ['too many lines for any menu', { lines: Array.from({ length: 51 }, () => sampleLine) }, undefined, 400, 'validation_failed'],
    ['unknown item', { lines: [{ ...sampleLine, itemId: 'latte' }] }, undefined, 422, 'unknown_item'],
    ['unknown topping', { lines: [{ ...sampleLine, toppings: ['bacon'] }] }, undefined, 422, 'unknown_topping'],
    ['hot cold-only drink', { lines: [{ ...sampleLine, itemId: 'mango-pomelo-sago', ice: 'hot' }] }, undefined, 422, 'cold_only'],
    ['four toppings', { lines: [{ ...sampleLine, toppings: ['pearls', 'pudding', 'red-bean', 'grass-jelly'] }] }, undefined, 422, 'too_many_toppings'],
    ['oversize body', { lines: [sampleLine], customerName: 'x'.repeat(70_000) }, undefined, 413, 'payload_too_large'],
  ];
  it.each(malformed)('%s → %i %s, nothing written', async (_name, body, headers, status, code) => {
    const { send, count } = setup();
    const response = await send('POST', '/orders', body, headers ?? jsonHeaders);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(typeof response.body.error.message).toBe('string');
    expect(count('orders') + count('order_lines') + count('order_status_events')).toBe(0);
  });

  it('limits orders per client: 429 with Retry-After, nothing written', async () => {
    const { send, count } = setup({ orderRatePerMinute: 2 });
    expect((await send('POST', '/orders', { lines: [sampleLine] })).status).toBe(201);
    expect((await send('POST', '/orders', { lines: [sampleLine] })).status).toBe(201);
    const limited = await send('POST', '/orders', { lines: [sampleLine] });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(count('orders')).toBe(2);
  });

  it('lists offending fields without echoing the input', async () => {
    const { send } = setup();
    const secret = 'VERY-LONG-INPUT-'.repeat(20);
    const { body } = await send('POST', '/orders', { lines: [{ ...sampleLine, size: secret, sugar: 'lots' }] });
    expect(body.error.details.issues.map((issue: Json) => issue.path)).toEqual(['lines.0.size', 'lines.0.sugar']);
    expect(JSON.stringify(body)).not.toContain('VERY-LONG-INPUT');
  });
});

describe('staff routes', () => {
  it('answers 401 without a token, 403 with a wrong one, 503 when disabled', async () => {
    const { send } = setup();
    const none = await send('GET', '/orders', undefined, {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await send('GET', '/orders', undefined, { authorization: 'Bearer wrong' })).status).toBe(403);
    expect((await send('GET', '/orders', undefined, { authorization: `Bearer ${TEST_STAFF_TOKEN}` })).status).toBe(200);
    const disabled = setup({ staffToken: null, ownerToken: null });
    const off = await disabled.send('PATCH', '/orders/x', { status: 'ready' }, staffHeaders);
    expect(off.status).toBe(503);
    expect(off.body.error.code).toBe('staff_api_disabled');
  });

  it('moves an order through every legal state and records each change', async () => {
    const { send } = setup();
    const { body: order } = await send('POST', '/orders', { lines: [sampleLine] });
    for (const status of ['preparing', 'ready', 'completed']) {
      const changed = await send('PATCH', `/orders/${order.id}`, { status }, staffHeaders);
      expect(changed.status).toBe(200);
      expect(changed.body.status).toBe(status);
    }
    const { body } = await send('GET', `/orders/${order.id}/events`, undefined, staffHeaders);
    expect(body.events.map((event: Json) => [event.from, event.to])).toEqual([
      [null, 'placed'],
      ['placed', 'preparing'],
      ['preparing', 'ready'],
      ['ready', 'completed'],
    ]);
    expect(body.events.every((event: Json) => /Z$/.test(event.at))).toBe(true);
  });

  it.each([
    [[], 'ready'],
    [[], 'completed'],
    [['preparing'], 'placed'],
    [['preparing', 'ready'], 'cancelled'],
    [['preparing', 'ready', 'completed'], 'cancelled'],
    [['cancelled'], 'preparing'],
    [[], 'placed'],
  ])('after %j, moving to %s is 409', async (path, illegal) => {
    const { send } = setup();
    const { body: order } = await send('POST', '/orders', { lines: [sampleLine] });
    for (const status of path) expect((await send('PATCH', `/orders/${order.id}`, { status }, staffHeaders)).status).toBe(200);
    const response = await send('PATCH', `/orders/${order.id}`, { status: illegal }, staffHeaders);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('invalid_transition');
  });

  it('cancels from placed and from preparing', async () => {
    const { send } = setup();
    const a = (await send('POST', '/orders', { lines: [sampleLine] })).body;
    const b = (await send('POST', '/orders', { lines: [sampleLine] })).body;
    await send('PATCH', `/orders/${b.id}`, { status: 'preparing' }, staffHeaders);
    expect((await send('PATCH', `/orders/${a.id}`, { status: 'cancelled' }, staffHeaders)).body.status).toBe('cancelled');
    expect((await send('PATCH', `/orders/${b.id}`, { status: 'cancelled' }, staffHeaders)).body.status).toBe('cancelled');
  });

  it('answers 404 for an unknown order and 400 for an unknown status', async () => {
    const { send } = setup();
    expect((await send('PATCH', '/orders/ord_nope', { status: 'ready' }, staffHeaders)).status).toBe(404);
    expect((await send('GET', '/orders/ord_nope')).body.error.code).toBe('order_not_found');
    const { body: order } = await send('POST', '/orders', { lines: [sampleLine] });
    expect((await send('PATCH', `/orders/${order.id}`, { status: 'eaten' }, staffHeaders)).status).toBe(400);
  });

  it('lists orders by status with a limit', async () => {
    const { send } = setup();
    for (let i = 0; i < 3; i += 1) await send('POST', '/orders', { lines: [sampleLine] });
    const { body } = await send('GET', '/orders?status=placed&limit=2', undefined, staffHeaders);
    expect(body.orders).toHaveLength(2);
    expect((await send('GET', '/orders?limit=abc', undefined, staffHeaders)).status).toBe(400);
  });

  it('sold-out items show in the menu and cannot be ordered until available again', async () => {
    const { send, count } = setup();
    expect((await send('PUT', '/menu/items/taro-milk-tea/availability', { available: false })).status).toBe(401);
    const off = await send('PUT', '/menu/items/taro-milk-tea/availability', { available: false }, staffHeaders);
    expect(off.body).toMatchObject({ id: 'taro-milk-tea', available: false });
    expect((await send('GET', '/menu')).body.items.find((item: Json) => item.id === 'taro-milk-tea').available).toBe(false);
    const refused = await send('POST', '/orders', { lines: [{ ...sampleLine, itemId: 'taro-milk-tea' }] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('item_sold_out');
    expect(count('orders')).toBe(0);
    await send('PUT', '/menu/items/taro-milk-tea/availability', { available: true }, staffHeaders);
    expect((await send('POST', '/orders', { lines: [{ ...sampleLine, itemId: 'taro-milk-tea' }] })).status).toBe(201);
    expect((await send('PUT', '/menu/items/espresso/availability', { available: false }, staffHeaders)).status).toBe(404);
  });
});

describe('queue', () => {
  it('gives positions and ETAs from seconds per drink; ready orders wait at position 0', async () => {
    const { send } = setup();
    const a = (await send('POST', '/orders', { lines: [{ ...sampleLine, quantity: 2 }] })).body;
    const b = (await send('POST', '/orders', { lines: [{ ...sampleLine, quantity: 1 }] })).body;
    const c = (await send('POST', '/orders', { lines: [{ ...sampleLine, quantity: 3 }] })).body;
    await send('PATCH', `/orders/${a.id}`, { status: 'preparing' }, staffHeaders);
    await send('PATCH', `/orders/${a.id}`, { status: 'ready' }, staffHeaders);
    const { body } = await send('GET', '/queue');
    const byCode = Object.fromEntries(body.active.map((entry: Json) => [entry.pickupCode, entry]));
    expect(byCode[a.pickupCode]).toMatchObject({ position: 0, etaSeconds: 0, status: 'ready' });
    expect(byCode[b.pickupCode]).toMatchObject({ position: 1, etaSeconds: 60 });
    expect(byCode[c.pickupCode]).toMatchObject({ position: 2, etaSeconds: 4 * 60 });
    for (const order of [a, b, c]) {
      const { position, etaSeconds } = byCode[order.pickupCode];
      expect((await send('GET', `/orders/${order.id}`)).body).toMatchObject({ position, etaSeconds });
      expect((await send('GET', `/orders/lookup?pickupCode=${order.pickupCode}`)).body).toMatchObject({ position, etaSeconds });
    }
    await send('PATCH', `/orders/${a.id}`, { status: 'completed' }, staffHeaders);
    const after = (await send('GET', '/queue')).body;
    expect(after.recentlyCompleted.map((entry: Json) => entry.pickupCode)).toEqual([a.pickupCode]);
    expect(after.active).toHaveLength(2);
  });

  it('shows strangers no order ids and no names; staff see both', async () => {
    const { send } = setup();
    const named = (await send('POST', '/orders', { lines: [sampleLine], customerName: 'Wang Fang' })).body;
    const done = (await send('POST', '/orders', { lines: [sampleLine], customerName: 'Li Lei' })).body;
    for (const status of ['preparing', 'ready', 'completed']) await send('PATCH', `/orders/${done.id}`, { status }, staffHeaders);
    const leaks = (text: string) => [named.id, done.id, 'Wang Fang', 'Li Lei'].filter((secret) => text.includes(secret));
    const publicQueue = (await send('GET', '/queue')).body;
    expect(publicQueue.active).toEqual([{ pickupCode: named.pickupCode, status: 'placed', position: 1, etaSeconds: 120, lines: named.lines }]);
    expect(leaks(JSON.stringify(publicQueue))).toEqual([]);
    // A token that is not the staff one (or none) is just the public view.
    const wrongToken = (await send('GET', '/queue', undefined, { authorization: 'Bearer internal-token-0123456789' })).body;
    expect(leaks(JSON.stringify(wrongToken))).toEqual([]);
    const publicOrder = (await send('GET', `/orders/${named.id}`)).body;
    expect(publicOrder).not.toHaveProperty('customerName');
    expect(publicOrder).toMatchObject({ pickupCode: named.pickupCode, status: 'placed', position: 1 });
    const byCode = (await send('GET', `/orders/lookup?pickupCode=${named.pickupCode}`)).body;
    expect(leaks(JSON.stringify(byCode))).toEqual([]);
    const staffQueue = (await send('GET', '/queue', undefined, staffHeaders)).body;
    expect(staffQueue.active[0]).toMatchObject({ id: named.id, customerName: 'Wang Fang' });
    expect(staffQueue.recentlyCompleted[0]).toMatchObject({ id: done.id, customerName: 'Li Lei' });
    expect((await send('GET', `/orders/${named.id}`, undefined, staffHeaders)).body.customerName).toBe('Wang Fang');
    expect((await send('GET', `/orders/lookup?pickupCode=${named.pickupCode}`, undefined, staffHeaders)).body.orderId).toBe(named.id);
  });

  it('looks up an order by pickup code or id without exposing its lines', async () => {
    const { send } = setup();
    const order = (await send('POST', '/orders', { lines: [sampleLine] })).body;
    const byCode = (await send('GET', '/orders/lookup?pickupCode=1')).body;
    expect(byCode).toEqual({ found: true, pickupCode: '1', status: 'placed', position: 1, etaSeconds: 120 });
    expect((await send('GET', '/orders/lookup?pickupCode=9999')).body).toEqual({ pickupCode: '9999', found: false });
    expect((await send('GET', `/orders/lookup?orderId=${order.id}`)).body).toMatchObject({ orderId: order.id, found: true });
    expect((await send('GET', '/orders/lookup')).status).toBe(400);
  });
});

describe('sessions', () => {
  const commit = (version: number, extra: Json = {}) => ({
    expectedVersion: version,
    state: 'collecting',
    cart: [{ ...sampleLine, lineId: 'l1' }],
    draft: null,
    append: [{ role: 'user', content: '我要两杯大杯珍珠奶茶' }],
    ...extra,
  });

  it('creates, reads and commits with versions; a stale version is 409 and changes nothing', async () => {
    const { send } = setup();
    const created = await send('POST', '/sessions', {});
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 0, state: 'empty', cart: { lines: [], total: 0 }, draft: null, lang: 'zh' });
    const id = created.body.id;
    const first = await send('POST', `/sessions/${id}/commit`, commit(0));
    expect(first.status).toBe(200);
    expect(first.body.session).toMatchObject({ version: 1, state: 'collecting', cart: { total: 4100 } });
    const stale = await send('POST', `/sessions/${id}/commit`, commit(0, { cart: [] }));
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'version_conflict', details: { currentVersion: 1 } });
    const read = await send('GET', `/sessions/${id}`);
    expect(read.body).toMatchObject({ version: 1, cart: { total: 4100 } });
    expect(read.body.history).toHaveLength(1);
    expect((await send('GET', '/sessions/nope')).status).toBe(404);
  });

  it('with an internal token configured, only its holder reaches the sessions', async () => {
    const { app } = createTestOrderApp({ internalToken: 'internal-token-0123456789' });
    const post = (headers: Record<string, string>) => app.request('/sessions', { method: 'POST', headers: { ...jsonHeaders, ...headers }, body: '{}' });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: 'Bearer wrong-token' })).status).toBe(403);
    expect((await post({ authorization: 'Bearer internal-token-0123456789' })).status).toBe(201);
    expect((await app.request('/menu')).status).toBe(200); // public routes stay public
  });

  it('reprices the cart and recomputes what the draft is missing', async () => {
    const { send } = setup();
    const id = (await send('POST', '/sessions', {})).body.id;
    const { body } = await send(
      'POST',
      `/sessions/${id}/commit`,
      commit(0, {
        cart: [{ ...sampleLine, lineId: 'l1', unitPrice: 1, lineTotal: 1 }],
        draft: { itemId: 'jasmine-green-tea', size: 'L', missing: [] },
      }),
    );
    expect(body.session.cart.lines[0].unitPrice).toBe(2050);
    expect(body.session.draft).toMatchObject({ itemId: 'jasmine-green-tea', missing: ['sugar', 'ice'] });
    const invalid = await send(
      'POST',
      `/sessions/${id}/commit`,
      commit(1, { cart: [{ ...sampleLine, lineId: 'l1', itemId: 'mango-pomelo-sago', ice: 'hot' }] }),
    );
    expect(invalid.status).toBe(422);
    expect((await send('GET', `/sessions/${id}`)).body.version).toBe(1);
  });

  it('a drink that sells out while in a cart stays there (other turns commit), is refused anew, and is never placed', async () => {
    const { send, count } = setup();
    const id = (await send('POST', '/sessions', {})).body.id;
    await send('POST', `/sessions/${id}/commit`, commit(0));
    await send('PUT', '/menu/items/pearl-milk-tea/availability', { available: false }, staffHeaders);
    const chatter = await send('POST', `/sessions/${id}/commit`, commit(1, { append: [{ role: 'user', content: 'hello' }] }));
    expect(chatter.status).toBe(200);
    expect(chatter.body.session.cart.lines).toHaveLength(1);
    const taro = { ...sampleLine, itemId: 'taro-milk-tea', lineId: 'l2' };
    await send('PUT', '/menu/items/taro-milk-tea/availability', { available: false }, staffHeaders);
    const added = await send('POST', `/sessions/${id}/commit`, commit(2, { cart: [{ ...sampleLine, lineId: 'l1' }, taro] }));
    expect(added).toMatchObject({ status: 409, body: { error: { code: 'item_sold_out' } } });
    const placed = await send('POST', `/sessions/${id}/commit`, commit(2, { state: 'placed', placeOrder: true }));
    expect(placed).toMatchObject({ status: 409, body: { error: { code: 'item_sold_out' } } });
    expect((await send('GET', `/sessions/${id}`)).body).toMatchObject({ version: 2, state: 'collecting' });
    expect(count('orders')).toBe(0);
  });

  it('checkout twice places one order; the session remembers it and is emptied', async () => {
    const { send, count } = setup();
    const id = (await send('POST', '/sessions', {})).body.id;
    await send('POST', `/sessions/${id}/commit`, commit(0));
    const first = await send('POST', `/sessions/${id}/checkout`, { expectedVersion: 1 });
    const second = await send('POST', `/sessions/${id}/checkout`, { expectedVersion: 1 });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.order.id).toBe(first.body.order.id);
    expect(first.body.order.total).toBe(4100);
    expect(first.body.session).toMatchObject({ state: 'placed', cart: { lines: [] }, lastOrderId: first.body.order.id });
    expect(count('orders')).toBe(1);
  });

  it('places the order in the same commit as the turn that confirmed it', async () => {
    const { send, count } = setup();
    const id = (await send('POST', '/sessions', {})).body.id;
    await send('POST', `/sessions/${id}/commit`, commit(0, { state: 'confirming' }));
    const headers = { ...jsonHeaders, 'idempotency-key': 'turn-1' };
    const placed = await send('POST', `/sessions/${id}/commit`, commit(1, { state: 'placed', placeOrder: true }), headers);
    const retried = await send('POST', `/sessions/${id}/commit`, commit(1, { state: 'placed', placeOrder: true }), headers);
    expect(placed.body.order).toMatchObject({ total: 4100, status: 'placed' });
    expect(retried.body).toEqual(placed.body);
    expect(placed.body.session).toMatchObject({ state: 'placed', cart: { lines: [] }, lastOrderId: placed.body.order.id });
    expect(count('orders')).toBe(1);
  });

  it('refuses to check out an empty cart', async () => {
    const { send, count } = setup();
    const id = (await send('POST', '/sessions', {})).body.id;
    const response = await send('POST', `/sessions/${id}/checkout`, { expectedVersion: 0 });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('empty_cart');
    expect(count('orders')).toBe(0);
  });
});

describe('errors', () => {
  it('answers unknown routes with the error shape', async () => {
    const { send } = setup();
    const { status, body } = await send('GET', '/nowhere');
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: 'not_found', message: 'no route for GET /nowhere' } });
  });

  it('reports db and migrations in its own health check', async () => {
    const { send } = setup();
    const { body } = await send('GET', '/healthz/order');
    expect(body).toEqual({ status: 'ok', db: 'reachable', migrations: { applied: 7, expected: 7 } });
  });
});
