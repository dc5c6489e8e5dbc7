import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleLine } from '../testing/order-fixture.ts';
import { OrderClientError, type OrderClient } from './order-client.ts';

export type ClientFactory = () => Promise<{ client: OrderClient; close(): Promise<void> }>;

/** One suite, run against every OrderClient implementation: they must be indistinguishable. */
export function describeOrderClientContract(name: string, makeClient: ClientFactory) {
  describe(`OrderClient contract: ${name}`, () => {
    let client: OrderClient;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ client, close } = await makeClient());
    });
    afterEach(async () => close());

    const errorOf = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        if (error instanceof OrderClientError) return { status: error.status, code: error.code };
        throw error;
      }
      throw new Error('expected an OrderClientError');
    };

    it('reads the live menu with its version', async () => {
      const menu = await client.getMenu();
      expect(menu.version).toBe(1);
      expect(menu.items.find((item) => item.id === 'pearl-milk-tea')?.prices).toEqual({ M: 1500, L: 1800 });
    });

    it('creates an order, replays it by key, and reads back its public view', async () => {
      const created = await client.createOrder({ lines: [sampleLine], customerName: 'Mei' }, { idempotencyKey: 'k-1' });
      expect(created.order).toMatchObject({ customerName: 'Mei', id: expect.stringMatching(/^ord_/) });
      expect(created.replayed).toBe(false);
      expect(created.order.total).toBe(4100);
      const replay = await client.createOrder({ lines: [sampleLine], customerName: 'Mei' }, { idempotencyKey: 'k-1' });
      expect(replay).toEqual({ order: created.order, replayed: true });
      const { customerName: _name, ...publicView } = created.order;
      expect(await client.getOrder(created.order.id)).toEqual({ ...publicView, position: 1, etaSeconds: 120 });
      expect(await client.getOrder('ord_missing')).toBeNull();
      expect(await errorOf(client.createOrder({ lines: [{ ...sampleLine, quantity: 3 }] }, { idempotencyKey: 'k-1' }))).toEqual({
        status: 409,
        code: 'idempotency_key_reused',
      });
    });

    it('rejects invalid input with the same status and code', async () => {
      expect(await errorOf(client.createOrder({ lines: [] }))).toEqual({ status: 400, code: 'validation_failed' });
      expect(await errorOf(client.createOrder({ lines: [{ ...sampleLine, itemId: 'mango-pomelo-sago', ice: 'hot' }] }))).toEqual({
        status: 422,
        code: 'cold_only',
      });
    });

    it('looks orders up and reports the queue', async () => {
      const { order } = await client.createOrder({ lines: [sampleLine] });
      const byCode = await client.lookupOrder({ pickupCode: order.pickupCode });
      expect(byCode).toMatchObject({ found: true, position: 1 });
      expect(byCode).not.toHaveProperty('orderId');
      expect(await client.lookupOrder({ orderId: order.id })).toMatchObject({ orderId: order.id, found: true });
      expect(await client.lookupOrder({ orderId: 'ord_nope' })).toEqual({ orderId: 'ord_nope', found: false });
      const queue = await client.getQueue();
      expect(queue.active).toEqual([{ pickupCode: order.pickupCode, status: 'placed', position: 1, etaSeconds: 120, lines: order.lines }]);
    });

    it('runs a session: commit, stale commit, placing the order in a commit', async () => {
      const session = await client.createSession();
      expect(session).toMatchObject({ version: 0, state: 'empty' });
      const cart = [{ ...sampleLine, lineId: 'a' }];
      const first = await client.commitSession(session.id, {
        expectedVersion: 0,
        state: 'confirming',
        cart,
        draft: null,
        append: [{ role: 'user', content: 'hi' }],
      });
      expect(first.session.version).toBe(1);
      expect(await errorOf(client.commitSession(session.id, { expectedVersion: 0, state: 'collecting', cart: [], draft: null }))).toEqual({
        status: 409,
        code: 'version_conflict',
      });
      // A read-back is kept as sent; a placement whose heard total is stale is refused, nothing written.
      const readBack = { fingerprint: 'cart-a', total: 4100 };
      const heard = await client.commitSession(session.id, { expectedVersion: 1, state: 'confirming', cart, draft: null, readBack });
      expect(heard.session.readBack).toEqual(readBack);
      expect(
        await errorOf(client.commitSession(session.id, { expectedVersion: 2, state: 'placed', cart, draft: null, placeOrder: true, expectedTotal: 3600 })),
      ).toEqual({
        status: 409,
        code: 'total_changed',
      });
      const placed = await client.commitSession(session.id, { expectedVersion: 2, state: 'placed', cart, draft: null, placeOrder: true, expectedTotal: 4100 });
      expect(placed.order?.total).toBe(4100);
      const read = await client.getSession(session.id);
      expect(read).toMatchObject({ state: 'placed', lastOrderId: placed.order?.id, cart: { lines: [] }, readBack: null });
      expect(await client.getSession('missing')).toBeNull();
    });

    it('maps an outside session id to one session, across calls, until a fresh start', async () => {
      const first = await client.sessionForAlias({ alias: 'session_1700000000000_abc123def' });
      expect(first).toMatchObject({ version: 0, state: 'empty' });
      await client.commitSession(first.id, { expectedVersion: 0, state: 'collecting', cart: [{ ...sampleLine, lineId: 'a' }], draft: null });
      const again = await client.sessionForAlias({ alias: 'session_1700000000000_abc123def' });
      expect(again).toMatchObject({ id: first.id, version: 1 });
      expect((await client.sessionForAlias({ alias: 'another' })).id).not.toBe(first.id);
      const fresh = await client.sessionForAlias({ alias: 'session_1700000000000_abc123def', fresh: true });
      expect(fresh.id).not.toBe(first.id);
      expect(fresh).toMatchObject({ version: 0, state: 'empty', cart: { lines: [] } });
      expect((await client.sessionForAlias({ alias: 'session_1700000000000_abc123def' })).id).toBe(fresh.id);
      expect(await errorOf(client.sessionForAlias({ alias: 'x'.repeat(129) }))).toEqual({ status: 400, code: 'validation_failed' });
      expect(await errorOf(client.sessionForAlias({ alias: 'bad\u0007id' }))).toEqual({ status: 400, code: 'validation_failed' });
    });

    it('checks out idempotently', async () => {
      const session = await client.createSession();
      await client.commitSession(session.id, { expectedVersion: 0, state: 'collecting', cart: [{ ...sampleLine, lineId: 'a' }], draft: null });
      const first = await client.checkout(session.id, 1);
      const second = await client.checkout(session.id, 1);
      expect(second.order?.id).toBe(first.order?.id);
    });

    it('reports its health', async () => {
      expect((await client.check()).status).toBe('ok');
    });
  });
}
