import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../shared/orders/order-types.ts';
import { createTestOrderApp, jsonHeaders, sampleLine, staffHeaders } from '../../shared/testing/order-fixture.ts';

type Json = Record<string, any>;

function setup() {
  const { app } = createTestOrderApp();
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = jsonHeaders) => {
    const response = await app.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: response.status, body: (await response.json()) as Json };
  };
}

// How to reach each status by legal moves, and the one table of what may follow it.
const PATH_TO: Record<OrderStatus, OrderStatus[]> = {
  placed: [],
  preparing: ['preparing'],
  ready: ['preparing', 'ready'],
  completed: ['preparing', 'ready', 'completed'],
  cancelled: ['cancelled'],
};
const ALLOWED: Record<OrderStatus, OrderStatus[]> = {
  placed: ['preparing', 'cancelled'],
  preparing: ['ready', 'cancelled'],
  ready: ['completed'],
  completed: [],
  cancelled: [],
};
const STATUSES = Object.keys(PATH_TO) as OrderStatus[];
const table = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to, ALLOWED[from].includes(to)] as const));

describe('PATCH /orders/:id: the whole 5×5 status table through the route', () => {
  it.each(table)('%s → %s allowed: %s', async (from, to, allowed) => {
    const send = setup();
    const { body: order } = await send('POST', '/orders', { lines: [sampleLine] });
    for (const status of PATH_TO[from]) expect((await send('PATCH', `/orders/${order.id}`, { status }, staffHeaders)).status).toBe(200);
    const before = await send('GET', `/orders/${order.id}/events`, undefined, staffHeaders);
    const response = await send('PATCH', `/orders/${order.id}`, { status: to }, staffHeaders);
    const after = await send('GET', `/orders/${order.id}/events`, undefined, staffHeaders);
    if (allowed) {
      expect(response.status).toBe(200);
      expect(response.body.status).toBe(to);
      expect(after.body.events.at(-1)).toMatchObject({ from, to });
      expect(after.body.events).toHaveLength(before.body.events.length + 1);
    } else {
      expect(response.status).toBe(409);
      const allowedNext = ALLOWED[from].length ? ALLOWED[from].join(', ') : 'nothing (final state)';
      expect(response.body.error).toEqual({
        code: 'invalid_transition',
        message: `cannot move an order from ${from} to ${to}; from ${from} it can go to ${allowedNext}`,
        details: { from, to },
      });
      expect(after.body.events).toEqual(before.body.events); // nothing recorded
      expect((await send('GET', `/orders/${order.id}`, undefined, staffHeaders)).body.status).toBe(from);
    }
  });
});

describe('GET /orders/:id/events is staff only', () => {
  it('refuses no token (401) and a wrong token (403), answers the staff token', async () => {
    const send = setup();
    const { body: order } = await send('POST', '/orders', { lines: [sampleLine] });
    const none = await send('GET', `/orders/${order.id}/events`, undefined, {});
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBeTypeOf('string');
    expect(JSON.stringify(none.body)).not.toContain('placed');
    expect((await send('GET', `/orders/${order.id}/events`, undefined, { authorization: 'Bearer wrong' })).status).toBe(403);
    const staff = await send('GET', `/orders/${order.id}/events`, undefined, staffHeaders);
    expect(staff.status).toBe(200);
    expect(staff.body.events).toHaveLength(1);
  });
});
