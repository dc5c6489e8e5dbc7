import { describe, expect, it } from 'vitest';
import type { OrderService } from '../orders/order-service.ts';
import type { TurnInfo } from '../orders/chat-turn-log.ts';
import { createTestOrderApp, ownerHeaders } from '../testing/order-fixture.ts';

// A seeded shop day (2026-12-05 in Asia/Shanghai, UTC+8) with orders, status changes,
// a cancellation and chat turns at known times; every figure is checked against numbers
// worked out by hand in the comments.

const local = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);
const D = '2026-12-05';

function seededShop() {
  let clock = local(D, '08:00');
  const fixture = createTestOrderApp({ now: () => clock });
  const service: OrderService = fixture.service;
  const at = (day: string, time: string) => {
    clock = local(day, time);
  };
  const order = async (day: string, time: string, lines: object[]) => {
    at(day, time);
    return (await service.createOrder({ lines: lines as never })).order;
  };
  const move = (id: string, day: string, time: string, status: 'preparing' | 'ready' | 'completed' | 'cancelled') => {
    at(day, time);
    service.changeStatus(id, status);
  };
  /** A chat turn committing `cart` (placing it when `place`). */
  const turn = async (sessionId: string, time: string, turnInfo: TurnInfo, cart: object[], place = false) => {
    at(D, time);
    const current = (await service.getSession(sessionId))!;
    return service.commitSession(sessionId, {
      expectedVersion: current.version,
      state: place ? 'confirming' : 'collecting',
      cart: cart as never,
      draft: null,
      append: [],
      pending: null,
      placeOrder: place,
      turn: turnInfo,
    });
  };
  return { ...fixture, service, at, order, move, turn };
}

const pearlL = { itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: ['pudding'], quantity: 2 }; // 2 × (1800 + 250) = 4100
const oolongM = { itemId: 'oolong-milk-tea', size: 'M', sugar: 50, ice: 'none', toppings: [], quantity: 1 }; // 1500
const taroL = { itemId: 'taro-milk-tea', size: 'L', sugar: 30, ice: 'light', toppings: ['pudding'], quantity: 1 }; // 2000 + 250 = 2250
const pearlM = { itemId: 'pearl-milk-tea', size: 'M', sugar: 50, ice: 'light', toppings: [], quantity: 1 }; // 1500

async function seedDay() {
  const shop = seededShop();
  const { service, order, move, turn } = shop;
  await order('2026-12-04', '23:55', [pearlM]); // the day before: only in the 31-day range
  const a = await order(D, '09:10', [pearlL]);
  move(a.id, D, '09:12', 'preparing');
  move(a.id, D, '09:15', 'ready'); // placed → ready 300 s
  move(a.id, D, '09:20', 'completed'); // ready → picked up 300 s
  const b = await order(D, '09:40', [oolongM]);
  move(b.id, D, '09:45', 'preparing');
  move(b.id, D, '09:50', 'ready'); // 600 s
  move(b.id, D, '10:00', 'completed'); // 600 s
  // A chat by text that builds a cart and leaves it (vllm, then the offline rules).
  const left = await service.createSession();
  await turn(left.id, '10:00', { provider: 'vllm', input: 'text', source: 'chat' }, [{ ...oolongM, lineId: 'x1' }]);
  await turn(left.id, '10:01', { provider: 'rules', input: 'text', source: 'chat' }, [{ ...oolongM, lineId: 'x1' }]);
  // A question that builds nothing.
  const asked = await service.createSession();
  await turn(asked.id, '11:00', { provider: 'openrouter', input: 'text', source: 'chat' }, []);
  // By voice: a cart, then the order (C, 13:05).
  const voice = await service.createSession();
  await turn(voice.id, '13:00', { provider: 'openrouter', input: 'voice', source: 'chat' }, [{ ...taroL, lineId: 'v1' }]);
  const c = (await turn(voice.id, '13:05', { provider: 'openrouter', input: 'voice', source: 'chat' }, [{ ...taroL, lineId: 'v1' }], true)).order!;
  move(c.id, D, '13:10', 'preparing');
  move(c.id, D, '13:25', 'ready'); // 1200 s, never picked up
  const d = await order(D, '13:30', [{ ...pearlM, quantity: 3 }]); // 4500, cancelled
  move(d.id, D, '13:35', 'cancelled');
  // The original UIs, answered offline, late in the day (E, 23:50).
  const legacy = await service.createSession();
  await turn(legacy.id, '23:45', { provider: 'rules', input: 'text', source: 'legacy' }, [{ ...oolongM, quantity: 2, lineId: 'l1' }]);
  await turn(legacy.id, '23:50', { provider: 'rules', input: 'text', source: 'legacy' }, [{ ...oolongM, quantity: 2, lineId: 'l1' }], true); // 3000
  await order('2026-12-06', '00:10', [pearlM]); // after midnight: the next day
  return shop;
}

describe('GET /reports/summary', () => {
  it('a seeded day: every figure as worked out by hand', async () => {
    const { service } = await seedDay();
    const day = await service.reports.summary({ from: D, to: D });
    expect(day).toMatchObject({ from: D, to: D, days: 1, timeZone: 'Asia/Shanghai' });
    // A, B, C, E placed (D cancelled): 2 + 1 + 1 + 2 cups; 4100 + 1500 + 2250 + 3000 fen.
    expect([day.orders, day.cups, day.revenue, day.averageOrderValue]).toEqual([4, 6, 10850, 2713]);
    expect(day.cancellations).toEqual({ orders: 1, value: 4500 });
    const hours = day.perHour.filter((hour) => hour.orders > 0);
    expect(hours).toEqual([
      { hour: 9, orders: 2, revenue: 5600, placedToReadyP50: 300 },
      { hour: 13, orders: 1, revenue: 2250, placedToReadyP50: 1200 },
      { hour: 23, orders: 1, revenue: 3000, placedToReadyP50: null },
    ]);
    expect(day.perHour).toHaveLength(24);
    expect(day.topDrinks).toEqual([
      { itemId: 'oolong-milk-tea', name: { zh: '乌龙奶茶', en: 'Oolong Milk Tea' }, cups: 3, revenue: 4500 },
      { itemId: 'pearl-milk-tea', name: { zh: '珍珠奶茶', en: 'Pearl Milk Tea' }, cups: 2, revenue: 4100 },
      { itemId: 'taro-milk-tea', name: { zh: '芋泥奶茶', en: 'Taro Milk Tea' }, cups: 1, revenue: 2250 },
    ]);
    expect(day.topToppings).toEqual([{ toppingId: 'pudding', name: { zh: '布丁', en: 'Pudding' }, cups: 3, revenue: 750 }]);
    // Placed → ready: 300, 600, 1200 s (nearest rank: p50 the 2nd, p90 the 3rd); ready → picked up: 300, 600.
    expect(day.waiting).toEqual({ placedToReady: { p50: 600, p90: 1200, count: 3 }, readyToPickup: { p50: 300, p90: 600, count: 2 } });
    expect(day.channels).toEqual({ chat_text: 0, chat_voice: 1, counter: 2, legacy: 1, unknown: 0 });
    // Turns: openrouter 3 (question, voice ×2), vllm 1, rules 3 (left cart, legacy ×2): 3 of 7 offline.
    expect(day.agent).toEqual({ turns: { openrouter: 3, vllm: 1, rules: 3, total: 7 }, offlineShare: 0.429, cartsLeftWithoutOrder: 1, ordersConfirmed: 2 });
  });

  it('the day boundary is the shop’s midnight; an empty day; 31 days; a bad range', async () => {
    const { service } = await seedDay();
    const next = await service.reports.summary({ from: '2026-12-06' });
    expect([next.orders, next.revenue, next.perHour[0]!.orders]).toEqual([1, 1500, 1]);
    const empty = await service.reports.summary({ from: '2026-11-01', to: '2026-11-01' });
    expect(empty).toMatchObject({ orders: 0, cups: 0, revenue: 0, averageOrderValue: null, topDrinks: [] });
    expect(empty.waiting.placedToReady).toEqual({ p50: null, p90: null, count: 0 });
    expect(empty.agent.offlineShare).toBeNull();
    const month = await service.reports.summary({ from: '2026-11-05', to: D });
    expect([month.days, month.orders, month.revenue, month.channels.counter]).toEqual([31, 5, 12350, 3]);
    await expect(service.reports.summary({ from: D, to: '2026-12-01' })).rejects.toMatchObject({ status: 400, code: 'invalid_range' });
    await expect(service.reports.summary({ from: '2025-01-01', to: D })).rejects.toMatchObject({ status: 400, code: 'range_too_long' });
  });

  it('is the owner’s: 401 without a token, 403 for staff; a bad date is 400; today by default', async () => {
    const shop = await seedDay();
    shop.at(D, '18:00');
    const ask = (path: string, headers: Record<string, string> = ownerHeaders) => shop.app.request(path, { headers });
    expect((await ask('/reports/summary', {})).status).toBe(401);
    expect((await ask('/reports/summary', { authorization: 'Bearer test-staff-token-0123456789' })).status).toBe(403);
    expect((await ask('/reports/summary?from=2026-02-30')).status).toBe(400);
    const today = (await (await ask('/reports/summary')).json()) as { from: string; orders: number };
    expect(today).toMatchObject({ from: D, orders: 4 });
  });
});

describe('GET /reports/orders.csv', () => {
  it('one row per line with a BOM and a header; a name with a comma and a quote is quoted', async () => {
    const shop = await seedDay();
    await shop.app.request('/menu/items/oolong-milk-tea', {
      method: 'PATCH',
      headers: ownerHeaders,
      body: JSON.stringify({ name: { zh: '乌龙, "招牌"', en: '=Oolong' } }),
    });
    await shop.order(D, '23:58', [oolongM]);
    const response = await shop.app.request(`/reports/orders.csv?from=${D}`, { headers: ownerHeaders });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(`orders-${D}.csv`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = new TextDecoder().decode(bytes).trimEnd().split('\r\n'); // the decoder drops the BOM
    expect(rows[0]).toBe('time,pickup_number,drink,drink_en,size,sugar,ice,toppings,quantity,unit_price_yuan,line_total_yuan,status,channel');
    expect(rows).toHaveLength(1 + 6);
    expect(rows[1]).toBe('2026-12-05 09:10:00,1,珍珠奶茶,Pearl Milk Tea,大杯,半糖,少冰,布丁,2,20.50,41.00,completed,counter');
    expect(rows.at(-1)).toBe(`2026-12-05 23:58:00,6,"乌龙, ""招牌""",'=Oolong,中杯,半糖,去冰,,1,15.00,15.00,placed,counter`);
    expect(rows.filter((row) => row.includes(',cancelled,'))).toHaveLength(1);
  });

  it('streams a 50,000-line export a page at a time', async () => {
    const { service, opened } = seededShop();
    const insertOrder = opened.sqlite.prepare(
      `INSERT INTO orders (id, business_day, pickup_number, status, total, drink_count, channel, created_at, updated_at) VALUES (?, ?, ?, 'completed', 1500, 1, 'counter', ?, ?)`,
    );
    const insertLine = opened.sqlite.prepare(
      `INSERT INTO order_lines (id, order_id, position, item_id, size, sugar, ice, toppings, quantity, unit_price, line_total, name_zh, name_en) VALUES (?, ?, 0, 'oolong-milk-tea', 'M', 50, 'none', '[]', 1, 1500, 1500, '乌龙奶茶', 'Oolong Milk Tea')`,
    );
    opened.sqlite.transaction(() => {
      for (let n = 1; n <= 50_000; n += 1) {
        const id = `ord_${n}`;
        insertOrder.run(id, D, n, '2026-12-05T02:00:00.000Z', '2026-12-05T02:00:00.000Z');
        insertLine.run(`ln_${n}`, id);
      }
    })();
    const { stream } = service.reports.ordersCsv({ from: D });
    const reader = stream.getReader();
    let chunks = 0;
    let text = '';
    const decoder = new TextDecoder();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks += 1;
      text += decoder.decode(read.value, { stream: true });
    }
    const rows = text.trimEnd().split('\r\n');
    expect(rows).toHaveLength(50_001);
    expect(rows[50_000]).toMatch(/^2026-12-05 10:00:00,50000,乌龙奶茶,/);
    expect(chunks).toBeGreaterThanOrEqual(50);
  });
});
