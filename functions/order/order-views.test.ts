import { describe, expect, it } from 'vitest';
import { createTestOrderApp, jsonHeaders, sampleLine, staffHeaders } from '../../shared/testing/order-fixture.ts';

type Json = Record<string, any>;

function setup() {
  let now = new Date('2026-12-01T04:00:00Z');
  const { app, opened } = createTestOrderApp({ now: () => now });
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = jsonHeaders) => {
    const response = await app.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const count = (table: string) => (opened.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  /** Places an order a minute after the previous step. */
  const place = async (extra: Json = {}) => {
    now = new Date(now.getTime() + 60_000);
    return (await send('POST', '/orders', { lines: [sampleLine], ...extra })).body;
  };
  const move = async (id: string, ...statuses: string[]) => {
    for (const status of statuses) {
      now = new Date(now.getTime() + 60_000);
      expect((await send('PATCH', `/orders/${id}`, { status }, staffHeaders)).status).toBe(200);
    }
  };
  const setClock = (at: Date) => {
    now = at;
  };
  return { send, count, place, move, setClock };
}

describe('order views for staff and customers', () => {
  it('an order placed without a name has no customerName, even for staff', async () => {
    const { send, place } = setup();
    const order = await place();
    expect(order).not.toHaveProperty('customerName');
    expect((await send('GET', `/orders/${order.id}`, undefined, staffHeaders)).body).not.toHaveProperty('customerName');
    expect((await send('GET', '/orders', undefined, staffHeaders)).body.orders[0]).not.toHaveProperty('customerName');
    expect((await send('GET', '/queue', undefined, staffHeaders)).body.active[0]).not.toHaveProperty('customerName');
  });

  it('the staff list is newest first and filters by status', async () => {
    const { send, place, move } = setup();
    const a = await place();
    const b = await place();
    const c = await place();
    await move(b.id, 'preparing');
    const all = (await send('GET', '/orders', undefined, staffHeaders)).body.orders;
    expect(all.map((order: Json) => order.id)).toEqual([c.id, b.id, a.id]);
    const preparing = (await send('GET', '/orders?status=preparing', undefined, staffHeaders)).body.orders;
    expect(preparing.map((order: Json) => order.id)).toEqual([b.id]);
  });

  it('recently completed orders are listed last-finished first', async () => {
    const { send, place, move } = setup();
    const a = await place();
    const b = await place();
    const c = await place();
    for (const order of [b, a, c]) await move(order.id, 'preparing', 'ready', 'completed');
    const { body } = await send('GET', '/queue');
    expect(body.recentlyCompleted.map((entry: Json) => entry.pickupCode)).toEqual([c.pickupCode, a.pickupCode, b.pickupCode]);
    expect(body.active).toEqual([]);
  });

  it('an order being prepared keeps its place and counts for the orders behind it', async () => {
    const { send, place, move } = setup();
    const a = await place();
    const b = await place();
    await move(a.id, 'preparing');
    expect((await send('GET', `/orders/${a.id}`)).body).toMatchObject({ status: 'preparing', position: 1, etaSeconds: 120 });
    expect((await send('GET', `/orders/${b.id}`)).body).toMatchObject({ status: 'placed', position: 2, etaSeconds: 240 });
    expect((await send('GET', `/orders/lookup?orderId=${a.id}`)).body).toMatchObject({ position: 1, etaSeconds: 120 });
  });

  it('the queue is in order of placing, whatever order the rows were written in', async () => {
    const { send, place, move, setClock } = setup();
    const late = await place(); // 04:01
    setClock(new Date('2026-12-01T03:30:00Z'));
    const early = await place(); // 03:31, written after
    await move(early.id, 'preparing');
    const { body } = await send('GET', '/queue');
    expect(body.active.map((entry: Json) => [entry.pickupCode, entry.status, entry.position])).toEqual([
      [early.pickupCode, 'preparing', 1],
      [late.pickupCode, 'placed', 2],
    ]);
    expect((await send('GET', `/orders/${late.id}`)).body).toMatchObject({ position: 2 });
  });

  it('moving an unknown order is 404 order_not_found, nothing recorded', async () => {
    const { send, count } = setup();
    const response = await send('PATCH', '/orders/ord_nope', { status: 'preparing' }, staffHeaders);
    expect(response).toEqual({ status: 404, body: { error: { code: 'order_not_found', message: 'no order ord_nope' } } });
    expect(count('order_status_events')).toBe(0);
  });

  it('looking up an unknown order id says not found and echoes the id', async () => {
    const { send } = setup();
    expect((await send('GET', '/orders/lookup?orderId=ord_nope')).body).toEqual({ orderId: 'ord_nope', found: false });
  });

  it('a lookup names exactly one of order id or pickup code', async () => {
    const { send, place } = setup();
    const order = await place();
    const both = await send('GET', `/orders/lookup?orderId=${order.id}&pickupCode=${order.pickupCode}`);
    expect(both.status).toBe(400);
    expect(both.body.error).toMatchObject({ code: 'validation_failed', details: { issues: [{ message: 'give exactly one of orderId or pickupCode' }] } });
  });

  it('finds two-digit pickup codes', async () => {
    const { send, place } = setup();
    for (let i = 0; i < 11; i += 1) await place();
    expect((await send('GET', '/orders/lookup?pickupCode=11')).body).toMatchObject({ found: true, pickupCode: '11', position: 11 });
  });
});
