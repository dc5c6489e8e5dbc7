import { describe, expect, it, vi } from 'vitest';
import type { ValidSessionCommit } from '../sessions/session-types.ts';
import { createTestOrderApp, jsonHeaders, openTestOrderService, sampleLine, staffHeaders } from '../testing/order-fixture.ts';

const cartCommit = (expectedVersion: number, extra: Partial<ValidSessionCommit> = {}): ValidSessionCommit => ({
  expectedVersion,
  state: 'collecting',
  cart: [{ ...sampleLine, lineId: 'l1' }],
  draft: null,
  append: [{ role: 'user', content: '我要两杯大杯珍珠奶茶' }],
  pending: null,
  placeOrder: false,
  ...extra,
});

describe('order service signals', () => {
  it('an order placed by a chat turn (session commit) tells the queue listeners and the snapshotter', async () => {
    const onWrite = vi.fn();
    const { service } = openTestOrderService({ onWrite });
    const queueChanged = vi.fn();
    service.onQueueChange(queueChanged);
    const session = await service.createSession('zh');
    await service.commitSession(session.id, cartCommit(0));
    expect(queueChanged).not.toHaveBeenCalled(); // a cart change is not a queue change
    const placed = await service.commitSession(session.id, cartCommit(1, { state: 'placed', placeOrder: true }), 'turn-2');
    expect(placed.order).toMatchObject({ status: 'placed' });
    expect(queueChanged).toHaveBeenCalledTimes(1);
    expect(service.queue().active).toHaveLength(1);
    // A replayed turn placed nothing new: no signal.
    await service.commitSession(session.id, cartCommit(1, { state: 'placed', placeOrder: true }), 'turn-2');
    expect(queueChanged).toHaveBeenCalledTimes(1);
    expect(onWrite.mock.calls.length).toBeGreaterThanOrEqual(3); // every committed write cues a snapshot
  });

  it('a checkout and a status change tell the queue listeners; an unsubscribed listener hears nothing', async () => {
    const { service } = openTestOrderService();
    const heard = vi.fn();
    const unsubscribe = service.onQueueChange(heard);
    const session = await service.createSession('zh');
    await service.commitSession(session.id, cartCommit(0));
    const { order } = service.checkout(session.id, 1);
    expect(heard).toHaveBeenCalledTimes(1);
    service.changeStatus(order!.id, 'preparing');
    expect(heard).toHaveBeenCalledTimes(2);
    unsubscribe();
    service.changeStatus(order!.id, 'ready');
    expect(heard).toHaveBeenCalledTimes(2);
  });
});

describe('POST /orders with an Idempotency-Key after the item sold out', () => {
  it('replays the order already placed (200, same body), not 409 item_sold_out', async () => {
    const { app, opened } = createTestOrderApp();
    const post = (key?: string) =>
      app.request('/orders', {
        method: 'POST',
        headers: { ...jsonHeaders, ...(key ? { 'idempotency-key': key } : {}) },
        body: JSON.stringify({ lines: [sampleLine] }),
      });
    const first = await post('kiosk-7:1');
    expect(first.status).toBe(201);
    const placed = await first.json();
    const off = await app.request(`/menu/items/${sampleLine.itemId}/availability`, {
      method: 'PUT',
      headers: staffHeaders,
      body: JSON.stringify({ available: false }),
    });
    expect(off.status).toBe(200);
    const retry = await post('kiosk-7:1');
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(placed);
    // A new request (new key, or none) for the sold-out drink is refused.
    const fresh = await post('kiosk-7:2');
    expect(fresh.status).toBe(409);
    expect(((await fresh.json()) as { error: { code: string } }).error.code).toBe('item_sold_out');
    expect((await post()).status).toBe(409);
    expect(opened.sqlite.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(1);
  });
});
