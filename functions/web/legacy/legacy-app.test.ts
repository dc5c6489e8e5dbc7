import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioHash } from '../../../shared/testing/mock-openai-audio.ts';
import { startLegacyShop, type LegacyShop } from './legacy-fixture.ts';
import { QUEUE_SNAPSHOT, TALK_RESPONSE, expectShape } from './legacy-shapes.ts';

// The routes the original UIs call (frontend/src/services/api.ts, backstage-frontend/src/services/api.ts),
// with the shapes their types declare, against the real functions in process.

const sendText = (shop: LegacyShop, sessionId: string, text: string, as: 'multipart' | 'urlencoded' = 'multipart', headers: Record<string, string> = {}) => {
  const body = as === 'multipart' ? new FormData() : new URLSearchParams();
  body.append('session_id', sessionId);
  body.append('text', text);
  return fetch(`${shop.legacy}/text`, { method: 'POST', body, headers });
};
const talk = async (shop: LegacyShop, sessionId: string, text: string) => {
  const response = await sendText(shop, sessionId, text);
  expect(response.status).toBe(200);
  const body = (await response.json()) as any;
  expectShape(body, TALK_RESPONSE);
  return body;
};

describe('legacy HTTP routes', () => {
  let shop: LegacyShop;
  beforeAll(async () => {
    shop = await startLegacyShop();
  });
  afterAll(async () => shop.close());

  it('POST /text: a draft drink, in the legacy one-drink view with Chinese labels', async () => {
    const body = await talk(shop, 'session_1700000000000_draft0001', '我要一杯珍珠奶茶');
    expect(body).toMatchObject({
      order_status: 'collecting',
      order_id: null,
      order_total: null,
      order_metadata: null,
      reply_mode: 'offline',
      order_state: { drink_name: '珍珠奶茶', size: null, sugar: null, ice: null, toppings: [], notes: null, is_complete: false },
    });
    expect(body.assistant_reply).toContain('珍珠奶茶');
  });

  it('POST /text (urlencoded too): a multi-line cart shows its last drink, the rest in notes, the cart total in yuan', async () => {
    const id = 'session_1700000000000_multi0001';
    const first = await sendText(shop, id, '我要两杯大杯珍珠奶茶，半糖少冰，加布丁', 'urlencoded');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      order_state: { drink_name: '珍珠奶茶', size: '大杯', sugar: '半糖', ice: '少冰', toppings: ['布丁'], notes: '数量：2杯', is_complete: true },
      order_total: 41,
    });
    const second = await talk(shop, id, '再来一杯中杯乌龙奶茶，无糖去冰');
    expect(second).toMatchObject({
      order_status: 'collecting',
      order_state: { drink_name: '乌龙奶茶', size: '中杯', sugar: '无糖', ice: '去冰', toppings: [], is_complete: true },
      order_total: 56,
    });
    expect(second.order_state.notes).toBe('另有2杯大杯珍珠奶茶（半糖、少冰，加布丁）');
  });

  it('POST /text: read back → confirming, then confirmed → saved with our pickup number as order_id', async () => {
    const id = 'session_1700000000000_place0001';
    await talk(shop, id, '一杯大杯茉莉奶绿，半糖少冰');
    expect(await talk(shop, id, '就这些')).toMatchObject({ order_status: 'confirming', order_id: null, order_total: 18 });
    const saved = await talk(shop, id, '确认');
    const order = await shop.orderClient.lookupOrder({ pickupCode: String(saved.order_id) });
    expect(order.found).toBe(true);
    expect(saved).toMatchObject({
      order_status: 'saved',
      order_id: expect.any(Number),
      order_total: 18,
      order_metadata: { order_id: saved.order_id, session_id: id, placed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) },
      order_state: { drink_name: '茉莉奶绿', size: '大杯', is_complete: true },
    });
    expect(saved.assistant_reply).toContain(`${saved.order_id}`);
    // Our internal order id never appears.
    expect(JSON.stringify(saved)).not.toContain(order.orderId);
  });

  it('maps each legacy session id to one of our sessions; reset starts afresh; ids are independent', async () => {
    const id = 'session_1700000000000_reset0001';
    await talk(shop, id, '一杯中杯柠檬红茶，全糖正常冰');
    const other = await talk(shop, 'session_1700000000000_other0001', '你好');
    expect(other.order_total).toBeNull();
    const before = await shop.orderClient.sessionForAlias({ alias: id });
    expect(before.cart.lines).toHaveLength(1);

    const reset = await fetch(`${shop.legacy}/reset/${id}`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(await reset.json()).toEqual({ message: '会话已重置', session_id: id });
    const after = await talk(shop, id, '购物车里有什么');
    expect(after).toMatchObject({ order_total: null, order_state: { drink_name: null, is_complete: false } });
    const now = await shop.orderClient.sessionForAlias({ alias: id });
    expect(now.id).not.toBe(before.id);
    // Resetting an id never seen is fine too.
    expect((await fetch(`${shop.legacy}/reset/session_never_seen`, { method: 'POST' })).status).toBe(200);
  });

  it('POST /text errors: 422 without session_id or text, 400 for a bad session id, 422 for other media types', async () => {
    const form = (fields: Record<string, string>) => {
      const body = new FormData();
      for (const [key, value] of Object.entries(fields)) body.append(key, value);
      return fetch(`${shop.legacy}/text`, { method: 'POST', body });
    };
    const cases: Array<[Promise<Response>, number, string]> = [
      [form({ text: '你好' }), 422, 'validation_failed'],
      [form({ session_id: 's1' }), 422, 'validation_failed'],
      [form({ session_id: 's1', text: '   ' }), 422, 'validation_failed'],
      [form({ session_id: 's1', text: '茶'.repeat(501) }), 422, 'validation_failed'],
      [form({ session_id: 'x'.repeat(129), text: '你好' }), 400, 'invalid_session_id'],
      [form({ session_id: 'bad\u0001id', text: '你好' }), 400, 'invalid_session_id'],
      [fetch(`${shop.legacy}/text`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }), 422, 'validation_failed'],
    ];
    for (const [pending, status, code] of cases) {
      const response = await pending;
      expect(response.status).toBe(status);
      expect(((await response.json()) as any).error).toMatchObject({ code, message: expect.any(String) });
    }
    const longId = await fetch(`${shop.legacy}/reset/${'y'.repeat(129)}`, { method: 'POST' });
    expect(longId.status).toBe(400);
    const control = await fetch(`${shop.legacy}/reset/bad%07id`, { method: 'POST' });
    expect(control.status).toBe(400);
  });

  it('GET /production/queue: the legacy snapshot with stages, labels, one-drink summaries and no names or ids', async () => {
    const { order } = await shop.orderClient.createOrder({
      lines: [
        { itemId: 'taro-milk-tea', size: 'L', sugar: 30, ice: 'hot', toppings: ['taro-balls', 'red-bean'], quantity: 1 },
        { itemId: 'lemon-black-tea', size: 'M', sugar: 0, ice: 'none', toppings: [], quantity: 2 },
      ],
      customerName: 'Secret Name',
    });
    const response = await fetch(`${shop.legacy}/production/queue?limit=50`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expectShape(body, QUEUE_SNAPSHOT);
    const mine = body.active_orders.find((entry: any) => entry.order_id === Number(order.pickupCode));
    expect(mine).toMatchObject({
      current_stage: 'queued',
      current_stage_label: 'Queued',
      is_completed: false,
      drink_name: '芋泥奶茶 等3杯',
      size: '大杯',
      sugar: '微糖',
      ice: '热',
      toppings: ['芋圆', '红豆'],
      queue_position: expect.any(Number),
      eta_seconds: expect.any(Number),
    });
    expect(JSON.stringify(body)).not.toContain('Secret Name');
    expect(JSON.stringify(body)).not.toContain(order.id);

    await shop.setStatus(order.id, 'preparing');
    const brewing = (await (await fetch(`${shop.legacy}/production/queue`)).json()) as any;
    expect(brewing.active_orders.find((entry: any) => entry.order_id === Number(order.pickupCode))).toMatchObject({
      current_stage: 'brewing',
      current_stage_label: 'Brewing',
    });
    await shop.setStatus(order.id, 'ready');
    const ready = (await (await fetch(`${shop.legacy}/production/queue`)).json()) as any;
    expect(ready.active_orders.find((entry: any) => entry.order_id === Number(order.pickupCode))).toMatchObject({
      current_stage: 'ready',
      queue_position: null,
      eta_seconds: null,
    });
    await shop.setStatus(order.id, 'completed');
    const done = (await (await fetch(`${shop.legacy}/production/queue`)).json()) as any;
    expect(done.active_orders.some((entry: any) => entry.order_id === Number(order.pickupCode))).toBe(false);
    expect(done.completed_orders[0]).toMatchObject({ order_id: Number(order.pickupCode), current_stage: 'ready', is_completed: true });

    const limited = (await (await fetch(`${shop.legacy}/production/queue?limit=1`)).json()) as any;
    expect(limited.active_orders.length).toBeLessThanOrEqual(1);
    for (const bad of ['0', 'ten', '-1', '501']) {
      const response = await fetch(`${shop.legacy}/production/queue?limit=${bad}`);
      expect(response.status).toBe(422);
    }
  });

  it('POST /tts: JSON with base64 audio and its format, through the tts function', async () => {
    const response = await fetch(`${shop.legacy}/tts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: '您好，欢迎光临。' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body).toMatchObject({ format: 'mp3', voice: expect.any(String), audio_base64: expect.any(String) });
    expect(shop.voiceprints.get(audioHash(Buffer.from(body.audio_base64, 'base64')))).toBe('您好，欢迎光临。');
    expect(shop.openai.speeches.at(-1)).toMatchObject({ input: '您好，欢迎光临。' });
  });

  it('POST /tts errors: 422 for missing or empty text, a body that is not JSON, or text over 1000 characters', async () => {
    const post = (body: string, type = 'application/json') => fetch(`${shop.legacy}/tts`, { method: 'POST', headers: { 'content-type': type }, body });
    for (const response of await Promise.all([
      post('{}'),
      post('{"text":""}'),
      post('not json'),
      post(JSON.stringify({ text: 'a'.repeat(1001) })),
      post('{"text":5}'),
    ])) {
      expect(response.status).toBe(422);
      expect(((await response.json()) as any).error.code).toBe('validation_failed');
    }
  });

  it('answers CORS preflights for the legacy UI on another origin', async () => {
    const response = await fetch(`${shop.legacy}/text`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('legacy HTTP routes: rate limits and failures', () => {
  it('limits /text and /tts per client like /chat and /tts', async () => {
    const shop = await startLegacyShop({ env: { CHAT_RATE_LIMIT_PER_MINUTE: '2', TTS_RATE_LIMIT_PER_MINUTE: '1' } });
    try {
      expect((await sendText(shop, 'rl', '你好')).status).toBe(200);
      expect((await sendText(shop, 'rl', '你好')).status).toBe(200);
      const limited = await sendText(shop, 'rl', '你好');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      const tts = () => fetch(`${shop.legacy}/tts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' });
      expect((await tts()).status).toBe(200);
      expect((await tts()).status).toBe(429);
    } finally {
      await shop.close();
    }
  });

  it('passes a failing voice on as the tts error, in our error shape', async () => {
    const shop = await startLegacyShop();
    try {
      shop.openai.pushSpeech({ status: 500 }, { status: 500 }, { status: 500 });
      const response = await fetch(`${shop.legacy}/tts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"您好"}' });
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(((await response.json()) as any).error.code).toEqual(expect.any(String));
    } finally {
      await shop.close();
    }
  });
});

describe('legacy HTTP routes over HTTP, as on Modal', () => {
  it('web reaches order (with the internal token), chat, tts by URL: a text order through to saved, reset, queue, tts', async () => {
    const shop = await startLegacyShop({ mode: 'http' });
    try {
      const id = 'session_1700000000000_modal0001';
      await talk(shop, id, '一杯中杯抹茶拿铁，少糖热');
      expect(await talk(shop, id, '就这些')).toMatchObject({ order_status: 'confirming', order_total: 18 });
      const saved = await talk(shop, id, '确认');
      expect(saved).toMatchObject({ order_status: 'saved', order_id: expect.any(Number), order_metadata: { session_id: id } });
      const queue = (await (await fetch(`${shop.legacy}/production/queue`)).json()) as any;
      expect(queue.active_orders.map((entry: any) => entry.order_id)).toContain(saved.order_id);
      expect((await fetch(`${shop.legacy}/reset/${id}`, { method: 'POST' })).status).toBe(200);
      expect(await talk(shop, id, '购物车里有什么')).toMatchObject({ order_total: null });
      const tts = await fetch(`${shop.legacy}/tts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"好的"}' });
      expect(((await tts.json()) as any).format).toBe('mp3');
    } finally {
      await shop.close();
    }
  });

  it('each legacy customer keeps their own chat limit: web vouches for the client it calls for (X-Tea-Client with the internal token)', async () => {
    // As on Modal: web sits behind a proxy (TRUST_PROXY_HOPS=1) and every call it makes to chat
    // arrives from web's own address, so without the vouched client all customers share one bucket.
    const shop = await startLegacyShop({ mode: 'http', env: { CHAT_RATE_LIMIT_PER_MINUTE: '2' }, webEnv: { TRUST_PROXY_HOPS: '1' } });
    try {
      for (const customer of ['198.51.100.1', '198.51.100.2']) {
        for (let turn = 0; turn < 2; turn++) {
          const response = await sendText(shop, `vouch-${customer}`, '你好', 'multipart', { 'x-forwarded-for': customer });
          expect(response.status, `${customer} turn ${turn + 1}`).toBe(200);
        }
      }
      // A forged X-Tea-Client without the token names nobody: straight to chat, one address, one bucket.
      const forged = () =>
        fetch(`${shop.base}/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-tea-client': `c-${Math.random()}` },
          body: '{"message":"hi"}',
        });
      const statuses = [(await forged()).status, (await forged()).status, (await forged()).status];
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await shop.close();
    }
  });
});
