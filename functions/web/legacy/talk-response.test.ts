import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../../shared/agent/chat-response.ts';
import { priceLine } from '../../../shared/menu/pricing.ts';
import type { Order } from '../../../shared/orders/order-types.ts';
import { withMenu } from '../../../shared/agent/menu-scope.ts';
import { defaultCatalog } from '../../../shared/testing/test-catalog.ts';
import { toTalkResponse as talk } from './talk-response.ts';
import { toLegacyQueue as legacyQueue } from './queue-view.ts';

// The legacy shapes name drinks and options by the live menu: here, the default menu.
const catalog = defaultCatalog();
const toTalkResponse = (...args: Parameters<typeof talk>) => withMenu(catalog, () => talk(...args));
const toLegacyQueue = (...args: Parameters<typeof legacyQueue>) => withMenu(catalog, () => legacyQueue(...args));

const pearl = priceLine({ itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: ['pudding'], quantity: 2 }, 'a', catalog);
const oolong = priceLine({ itemId: 'oolong-milk-tea', size: 'M', sugar: 0, ice: 'none', toppings: [], quantity: 1 }, 'b', catalog);

const chat = (fields: Partial<ChatResponse>): ChatResponse => ({
  sessionId: 's',
  reply: 'ok',
  lang: 'zh',
  provider: 'rules',
  state: 'collecting',
  cart: { lines: [], total: 0 },
  draft: null,
  order: null,
  lookup: null,
  ...fields,
});

describe('toTalkResponse', () => {
  it('an empty turn: the empty legacy order state, no total, collecting', () => {
    expect(toTalkResponse(chat({}), 'legacy-1')).toEqual({
      assistant_reply: 'ok',
      order_state: { drink_name: null, size: null, sugar: null, ice: null, toppings: [], notes: null, is_complete: false },
      order_status: 'collecting',
      order_id: null,
      order_total: null,
      order_metadata: null,
      reply_mode: 'offline',
    });
  });

  it('a draft is shown before the cart; the cart lines go to notes; a model reply is online', () => {
    const body = toTalkResponse(
      chat({
        provider: 'openrouter',
        cart: { lines: [pearl], total: pearl.lineTotal },
        draft: { itemId: 'matcha-latte', sugar: 70, toppings: ['pearls'], quantity: 1, missing: ['size', 'ice'] },
      }),
      'legacy-1',
    );
    expect(body).toMatchObject({
      reply_mode: 'online',
      order_total: 41,
      order_state: {
        drink_name: '抹茶拿铁',
        size: null,
        sugar: '少糖',
        ice: null,
        toppings: ['珍珠'],
        notes: '另有2杯大杯珍珠奶茶（半糖、少冰，加布丁）',
        is_complete: false,
      },
    });
  });

  it('states map to collecting / confirming / saved; a placed order gives pickup number, total and metadata', () => {
    expect(toTalkResponse(chat({ state: 'confirming', cart: { lines: [pearl, oolong], total: 5600 } }), 'x').order_status).toBe('confirming');
    const order: Order = {
      id: 'ord_internal',
      pickupCode: '12',
      status: 'placed',
      lines: [pearl, oolong],
      total: 5600,
      currency: 'CNY',
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
    };
    const body = toTalkResponse(chat({ state: 'placed', order }), 'legacy-9');
    expect(body).toMatchObject({
      order_status: 'saved',
      order_id: 12,
      order_total: 56,
      order_metadata: { order_id: 12, session_id: 'legacy-9', placed_at: '2026-12-01T10:00:00.000Z' },
      order_state: { drink_name: '乌龙奶茶', sugar: '无糖', ice: '去冰', is_complete: true, notes: '另有2杯大杯珍珠奶茶（半糖、少冰，加布丁）' },
    });
    expect(JSON.stringify(body)).not.toContain('ord_internal');
    // A later turn on a placed session: still saved, but no new order number.
    expect(toTalkResponse(chat({ state: 'placed' }), 'legacy-9')).toMatchObject({ order_status: 'saved', order_id: null, order_metadata: null });
  });
});

describe('toLegacyQueue', () => {
  const queue = {
    generatedAt: '2026-12-01T10:00:00.000Z',
    active: [
      { pickupCode: '3', status: 'ready' as const, position: 0, etaSeconds: 0, lines: [oolong] },
      { pickupCode: '4', status: 'preparing' as const, position: 1, etaSeconds: 120, lines: [pearl] },
      { pickupCode: '5', status: 'placed' as const, position: 2, etaSeconds: 180, lines: [pearl, oolong] },
    ],
    recentlyCompleted: [{ pickupCode: '1', status: 'completed' as const, lines: [oolong] }],
  };

  it('maps statuses to the legacy stages and labels, positions and ETAs, and caps by limit', () => {
    const body = toLegacyQueue(queue);
    expect(body.generated_at).toBe(queue.generatedAt);
    expect(
      body.active_orders.map((order) => [order.order_id, order.current_stage, order.current_stage_label, order.queue_position, order.eta_seconds]),
    ).toEqual([
      [3, 'ready', 'Ready', null, null],
      [4, 'brewing', 'Brewing', 1, 120],
      [5, 'queued', 'Queued', 2, 180],
    ]);
    expect(body.active_orders[2]).toMatchObject({ drink_name: '珍珠奶茶 等3杯', size: '大杯', toppings: ['布丁'], total_orders: 3, placed_at: null });
    expect(body.completed_orders).toEqual([expect.objectContaining({ order_id: 1, current_stage: 'ready', is_completed: true, drink_name: '乌龙奶茶' })]);
    expect(toLegacyQueue(queue, 1).active_orders).toHaveLength(1);
  });
});
