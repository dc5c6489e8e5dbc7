import { describe, expect, it, vi } from 'vitest';
import { createOrderApp } from '../../functions/order/app.ts';
import { silentLogger } from '../http/logger.ts';
import { jsonHeaders, openTestOrderService, sampleLine, staffHeaders, TEST_STAFF_TOKEN } from '../testing/order-fixture.ts';

// POST /orders is group-committed (shared/db/write-batcher.ts): the orders of one event-loop
// turn share a transaction. These send several at once so they land in the same batch.

type Json = Record<string, any>;

function setup() {
  const onWrite = vi.fn();
  const { service, opened } = openTestOrderService({ onWrite });
  const queueChanges = vi.fn();
  service.onQueueChange(queueChanges);
  const app = createOrderApp({ service, log: silentLogger, staffToken: TEST_STAFF_TOKEN });
  const post = async (body: unknown, key?: string) => {
    const headers = key ? { ...jsonHeaders, 'idempotency-key': key } : jsonHeaders;
    const response = await app.request('/orders', { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const count = (table: string) => (opened.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { service, app, post, count, onWrite, queueChanges };
}

describe('POST /orders, several in one batch', () => {
  it('hands out pickup codes in arrival order, and signals the queue and the snapshotter once', async () => {
    const { service, onWrite, queueChanges } = setup();
    const calls = Array.from({ length: 30 }, (_, i) => service.createOrder({ lines: [{ ...sampleLine, quantity: (i % 5) + 1 }] }));
    const results = await Promise.all(calls);
    expect(results.map((r) => r.order.pickupCode)).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1)));
    expect(results.map((r) => r.order.total)).toEqual(Array.from({ length: 30 }, (_, i) => 2050 * ((i % 5) + 1)));
    expect(new Set(results.map((r) => r.order.id)).size).toBe(30);
    expect(onWrite).toHaveBeenCalledTimes(1);
    expect(queueChanges).toHaveBeenCalledTimes(1);
  });

  it('rolls back a bad order alone: the others commit with consecutive pickup codes, each bad one gets its own error', async () => {
    const { post, count, onWrite, app } = setup();
    expect((await app.request('/menu/items/taro-milk-tea/availability', { method: 'PUT', headers: staffHeaders, body: '{"available":false}' })).status).toBe(
      200,
    );
    onWrite.mockClear();
    // With a key, a sold-out line is only found inside the batch (no up-front check), after
    // the idempotency row is looked up: the failure happens in the transaction.
    const soldOut = { lines: [{ ...sampleLine, itemId: 'taro-milk-tea' }] };
    const first = await post({ lines: [sampleLine] }, 'reused');
    const responses = await Promise.all([
      post({ lines: [sampleLine], customerName: 'A' }),
      post(soldOut, 'sold-out-1'),
      post({ lines: [sampleLine], customerName: 'B' }),
      post({ lines: [{ ...sampleLine, quantity: 3 }] }, 'reused'), // same key, another body
      post({ lines: [{ ...sampleLine, itemId: 'mango-pomelo-sago', ice: 'hot' }] }), // rejected before the batch
      post({ lines: [sampleLine], customerName: 'C' }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([201, 409, 201, 409, 422, 201]);
    expect(responses.map((r) => r.body.error?.code ?? r.body.customerName)).toEqual(['A', 'item_sold_out', 'B', 'idempotency_key_reused', 'cold_only', 'C']);
    expect(responses.filter((r) => r.status === 201).map((r) => r.body.pickupCode)).toEqual(['2', '3', '4']);
    expect(first.body.pickupCode).toBe('1');
    expect(count('orders')).toBe(4);
    expect(count('order_lines')).toBe(4);
    expect(count('order_status_events')).toBe(4);
    expect(count('idempotency_keys')).toBe(1);
    expect(onWrite).toHaveBeenCalledTimes(2); // the first order's batch, then this one
  });

  it('the same Idempotency-Key twice in one batch makes one order; the second replays it', async () => {
    const { post, count, onWrite } = setup();
    const [a, b, other] = await Promise.all([
      post({ lines: [sampleLine] }, 'kiosk-7:42'),
      post({ lines: [sampleLine] }, 'kiosk-7:42'),
      post({ lines: [sampleLine] }, 'kiosk-7:43'),
    ]);
    expect([a!.status, b!.status, other!.status]).toEqual([201, 200, 201]);
    expect(b!.body).toEqual(a!.body);
    expect(other!.body.pickupCode).toBe('2');
    expect(count('orders')).toBe(2);
    expect(onWrite).toHaveBeenCalledTimes(1);
  });

  it('a batch where every order is replayed signals nothing', async () => {
    const { post, onWrite, queueChanges } = setup();
    await post({ lines: [sampleLine] }, 'k');
    onWrite.mockClear();
    queueChanges.mockClear();
    const replays = await Promise.all([post({ lines: [sampleLine] }, 'k'), post({ lines: [sampleLine] }, 'k')]);
    expect(replays.map((r) => r.status)).toEqual([200, 200]);
    expect(onWrite).not.toHaveBeenCalled();
    expect(queueChanges).not.toHaveBeenCalled();
  });
});
