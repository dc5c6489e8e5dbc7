import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyShop, type LegacyShop } from './legacy-fixture.ts';
import { QUEUE_SNAPSHOT, TALK_RESPONSE, expectShape } from './legacy-shapes.ts';

// MENU_FILE=shared/menus/original.json: the original UIs order the original shop's drinks,
// in its sizes and with its ice levels, through /legacy.

const ORIGINAL_MENU = join(import.meta.dirname, '..', '..', '..', 'shared', 'menus', 'original.json');

describe('the original UIs on the original shop’s menu', () => {
  let shop: LegacyShop;
  beforeAll(async () => {
    shop = await startLegacyShop({ env: { MENU_FILE: ORIGINAL_MENU } });
  });
  afterAll(async () => shop.close());

  const talk = async (sessionId: string, text: string) => {
    const body = new FormData();
    body.append('session_id', sessionId);
    body.append('text', text);
    const response = await fetch(`${shop.legacy}/text`, { method: 'POST', body });
    expect(response.status).toBe(200);
    const json = (await response.json()) as any;
    expectShape(json, TALK_RESPONSE);
    return json;
  };

  it('a small black tea latte with 多冰: labels, total and the queue card from that menu', async () => {
    const id = 'session_1700000000000_orig00001';
    const first = await talk(id, '一杯小杯红茶拿铁，五分糖，多冰');
    expect(first.order_state).toMatchObject({ drink_name: '红茶拿铁', size: '小杯', sugar: '五分糖', ice: '多冰', is_complete: true });
    expect(await talk(id, '就这些')).toMatchObject({ order_status: 'confirming', order_total: 16 });
    const saved = await talk(id, '确认');
    expect(saved).toMatchObject({ order_status: 'saved', order_total: 16, order_id: expect.any(Number) });
    const queue = (await (await fetch(`${shop.legacy}/production/queue`)).json()) as any;
    expectShape(queue, QUEUE_SNAPSHOT);
    expect(queue.active_orders.find((order: any) => order.order_id === saved.order_id)).toMatchObject({ drink_name: '红茶拿铁', size: '小杯', ice: '多冰' });
  });
});
