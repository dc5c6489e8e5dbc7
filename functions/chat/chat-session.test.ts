import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createRateLimiter } from '../../shared/http/rate-limit.ts';
import { listen, type RunningServer } from '../../shared/http/serve.ts';
import { createTestChatApp } from '../../shared/testing/chat-fixture.ts';
import { startMockOpenAI } from '../../shared/testing/mock-openai-chat.ts';
import { waitFor } from '../../shared/testing/wait-for.ts';
import { MAX_FRAME_BYTES, socketTurnBudget } from './socket.ts';

describe('chat sessions', () => {
  it('two tabs on one session: every answered turn keeps its line, none is lost or doubled', async () => {
    const { chat } = createTestChatApp();
    const { body: start } = await chat('你好');
    const messages = [
      '一杯中杯乌龙奶茶少糖去冰',
      '一杯大杯茉莉绿茶无糖热的',
      '一杯中杯柠檬红茶半糖少冰',
      '一杯大杯抹茶拿铁微糖常温',
      '一杯中杯芋泥奶茶全糖正常冰',
    ];
    const results = await Promise.all(messages.map((message) => chat(message, start.sessionId)));
    const answered = results.filter((result) => result.status === 200);
    expect(answered.length).toBeGreaterThanOrEqual(2);
    for (const result of results.filter((r) => r.status !== 200)) expect(result.body.error.code).toBe('version_conflict');
    const { body: after } = await chat('看看购物车', start.sessionId);
    expect(after.cart.lines).toHaveLength(answered.length);
  });

  it('confirming twice at once places one order', async () => {
    const { chat, service } = createTestChatApp();
    const { body } = await chat('我要两杯大杯珍珠奶茶，半糖少冰');
    await chat('就这些', body.sessionId);
    const results = await Promise.all([chat('确认', body.sessionId), chat('确认', body.sessionId)]);
    const placed = results.filter((result) => result.body.order);
    expect(placed).toHaveLength(1);
    expect(service.listOrders({ limit: 10 })).toHaveLength(1);
    expect(placed[0]!.body.order.total).toBe(2 * 1800);
  });

  it('answers status questions with a lookup of real orders only', async () => {
    const { chat } = createTestChatApp();
    const { body } = await chat('我要两杯大杯珍珠奶茶，半糖少冰');
    await chat('就这些', body.sessionId);
    const placed = await chat('确认', body.sessionId);
    const mine = await chat('我的奶茶好了吗', body.sessionId);
    expect(mine.body.lookup).toMatchObject({ orderId: placed.body.order.id, found: true, status: 'placed', position: 1 });
    const missing = await chat('9999号订单好了吗', body.sessionId);
    expect(missing.body.lookup).toMatchObject({ found: false });
    expect(missing.body.order).toBeNull();
  });

  it('a stranger asking by pickup number learns the status, never the order id (issue 11 item 7)', async () => {
    const { chat } = createTestChatApp();
    const { body } = await chat('我要两杯大杯珍珠奶茶，半糖少冰');
    await chat('就这些', body.sessionId);
    const placed = await chat('确认', body.sessionId);
    const stranger = await chat(`${placed.body.order.pickupCode}号订单好了吗`);
    expect(stranger.body.lookup).toMatchObject({ found: true, status: 'placed', pickupCode: placed.body.order.pickupCode });
    expect(JSON.stringify(stranger.body)).not.toContain(placed.body.order.id);
  });

  it('GET /chat/:sessionId returns the conversation and the cart', async () => {
    const { chat, app } = createTestChatApp();
    const { body } = await chat('来杯茉莉绿茶');
    const response = await app.request(`/chat/${body.sessionId}`);
    const session = (await response.json()) as any;
    expect(session.history.map((m: any) => m.role)).toEqual(['user', 'assistant']);
    expect(session.draft).toMatchObject({ itemId: 'jasmine-green-tea', missing: ['size', 'sugar', 'ice'] });
    expect((await app.request('/chat/no-such-session')).status).toBe(404);
  });

  it('validates the message and the session id', async () => {
    const { chat } = createTestChatApp();
    expect((await chat('x'.repeat(501))).status).toBe(400);
    expect((await chat('   ')).status).toBe(400);
    expect((await chat('hi', 'nope-not-there')).body.error.code).toBe('session_not_found');
    expect((await chat('hi', undefined, { lang: 'fr' })).status).toBe(400);
  });

  it('rate limits each client', async () => {
    const { chat } = createTestChatApp({ CHAT_RATE_LIMIT_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i += 1) expect((await chat('hi')).status).toBe(200);
    const limited = await chat('hi');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('GET /chat/ws', () => {
  let server: RunningServer;
  let idleServer: RunningServer;
  let url: string;
  let mock: Awaited<ReturnType<typeof startMockOpenAI>>;

  beforeAll(async () => {
    mock = await startMockOpenAI();
    // Generous limits: a stalled event loop must not close a socket a test is using.
    const { app } = createTestChatApp({ OPENROUTER_API_KEY: 'k', OPENROUTER_BASE_URL: mock.baseUrl, CHAT_TURN_TIMEOUT_MS: '20000', CHAT_WS_IDLE_MS: '20000' });
    server = await listen(app.fetch, 0, '127.0.0.1');
    url = `ws://127.0.0.1:${server.port}/chat/ws`;
    const idle = createTestChatApp({ CHAT_WS_IDLE_MS: '300' });
    idleServer = await listen(idle.app.fetch, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await server.stop();
    await idleServer.stop();
    await mock.close();
  });

  // Frames are awaited on the socket's events; no polling deadline to miss on a loaded machine.
  const connect = async (target = url) => {
    const socket = new WebSocket(target);
    const frames: any[] = [];
    let wake: (() => void) | undefined;
    socket.on('message', (data) => {
      frames.push(JSON.parse(String(data)));
      wake?.();
    });
    socket.on('close', () => wake?.());
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const nextFrame = async () => {
      while (frames.length === 0) {
        if (socket.readyState !== WebSocket.OPEN) throw new Error('socket closed');
        await new Promise<void>((resolve) => (wake = resolve));
      }
      return frames.shift();
    };
    const next = async (type: string) => {
      for (;;) {
        const frame = await nextFrame();
        if (frame.type === type) return frame;
      }
    };
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
    return { socket, frames, next, nextFrame, closed };
  };

  it('streams the model reply as deltas, then the full body in done', async () => {
    const { socket, nextFrame } = await connect();
    mock.push({ content: 'Hello! What can I get you today?' });
    socket.send(JSON.stringify({ type: 'message', text: 'hello' }));
    const deltas: string[] = [];
    let done: any;
    while (!done) {
      const frame = await nextFrame();
      if (frame.type === 'delta') deltas.push(frame.text);
      else if (frame.type === 'done') done = frame;
    }
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Hello! What can I get you today?');
    expect(done).toMatchObject({ provider: 'openrouter', reply: 'Hello! What can I get you today?', state: 'empty' });
    expect(typeof done.sessionId).toBe('string');
    expect(mock.requests.at(-1)!.body.stream).toBe(true);
    socket.close();
  });

  it('a malformed frame gets an error frame and the socket stays usable', async () => {
    const { socket, next } = await connect();
    socket.send('not json');
    expect((await next('error')).error.code).toBe('bad_frame');
    socket.send(JSON.stringify({ type: 'message', text: '' }));
    expect((await next('error')).error.code).toBe('bad_frame');
    mock.push({ content: 'Hi!' });
    socket.send(JSON.stringify({ type: 'message', text: 'hello' }));
    expect((await next('done')).reply).toBe('Hi!');
    socket.close();
  });

  it('an oversize frame closes the socket with a reason', async () => {
    const { socket } = await connect();
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
    socket.send(JSON.stringify({ type: 'message', text: 'x'.repeat(20_000) }));
    const { code, reason } = await closed;
    expect(code).toBe(1009);
    expect(reason).toMatch(/larger than/);
  });

  it('the frame limit is exact: MAX_FRAME_BYTES passes the size check, one byte more closes with 1009', async () => {
    // Padding with a 3-byte character that sits across the limit checks bytes, not characters.
    const frameOf = (bytes: number) => {
      const bare = JSON.stringify({ type: 'message', text: '' });
      return JSON.stringify({ type: 'message', text: 'x'.repeat(bytes - Buffer.byteLength(bare)) });
    };
    expect(Buffer.byteLength(frameOf(MAX_FRAME_BYTES))).toBe(MAX_FRAME_BYTES);
    const atLimit = await connect();
    atLimit.socket.send(frameOf(MAX_FRAME_BYTES)); // too long a message: refused by the schema, socket kept
    expect((await atLimit.next('error')).error.code).toBe('bad_frame');
    expect(atLimit.socket.readyState).toBe(WebSocket.OPEN);
    atLimit.socket.close();
    const over = await connect();
    over.socket.send(frameOf(MAX_FRAME_BYTES + 1));
    expect(await over.closed).toMatchObject({ code: 1009 });
    const wide = await connect();
    const bare = JSON.stringify({ type: 'message', text: '' });
    wide.socket.send(JSON.stringify({ type: 'message', text: '茶'.repeat(Math.ceil((MAX_FRAME_BYTES - Buffer.byteLength(bare)) / 3)) }));
    expect(await wide.closed).toMatchObject({ code: 1009 }); // fewer than MAX_FRAME_BYTES characters, more bytes
    expect(MAX_FRAME_BYTES).toBe(8 * 1024);
  });

  it('an idle socket is closed', async () => {
    const { closed } = await connect(`ws://127.0.0.1:${idleServer.port}/chat/ws`);
    expect((await closed).reason).toBe('idle timeout');
  });
});

describe('client disconnect', () => {
  it('aborts the upstream model call when the customer goes away', async () => {
    const mock = await startMockOpenAI();
    const { app, service } = createTestChatApp({ OPENROUTER_API_KEY: 'k', OPENROUTER_BASE_URL: mock.baseUrl, CHAT_TURN_TIMEOUT_MS: '10000' });
    const server = await listen(app.fetch, 0, '127.0.0.1');
    mock.push({ hang: true });
    const controller = new AbortController();
    const request = fetch(`http://127.0.0.1:${server.port}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'hello' }),
      signal: controller.signal,
    }).catch(() => 'aborted');
    await waitFor(() => mock.requests.length > 0, { timeoutMs: 20_000 });
    controller.abort();
    expect(await request).toBe('aborted');
    await waitFor(() => mock.abandoned() > 0, { timeoutMs: 20_000 });
    expect(mock.abandoned()).toBe(1);
    // Nothing was committed for the abandoned turn beyond the session it created.
    expect(service.listOrders({ limit: 5 })).toEqual([]);
    await server.stop();
    await mock.close();
  });
});

describe('GET /chat/ws rate limit', () => {
  it("every turn on a socket draws from the client's bucket, shared with POST /chat", async () => {
    const { app } = createTestChatApp({ CHAT_RATE_LIMIT_PER_MINUTE: '3' });
    const server = await listen(app.fetch, 0, '127.0.0.1');
    try {
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/chat/ws`);
      const answers: any[] = [];
      let waiting: ((frame: any) => void) | undefined;
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.type !== 'done' && frame.type !== 'error') return;
        answers.push(frame);
        waiting?.(frame);
      });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      for (let i = 0; i < 5; i += 1) {
        const answered = new Promise((resolve) => (waiting = resolve));
        socket.send(JSON.stringify({ type: 'message', text: 'hello' }));
        await answered;
      }
      // Opening the socket paid for the first turn; 3 per minute means 3 turns in all.
      expect(answers.map((frame) => frame.type)).toEqual(['done', 'done', 'done', 'error', 'error']);
      expect(answers[3].error).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: expect.any(Number) } });
      expect(socket.readyState).toBe(WebSocket.OPEN); // a limited turn does not end the conversation
      const post = await fetch(`http://127.0.0.1:${server.port}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'hi' }),
      });
      expect(post.status).toBe(429);
      socket.close();
    } finally {
      await server.stop();
    }
  });

  it('sockets of one known client share its bucket; sockets of unknown clients each get their own', () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000, now: () => 0 });
    const a1 = socketTurnBudget(limiter, { key: '198.51.100.1', known: true });
    const a2 = socketTurnBudget(limiter, { key: '198.51.100.1', known: true });
    limiter.take('198.51.100.1'); // the two upgrades drew their tokens
    limiter.take('198.51.100.1');
    expect([a1(), a2()]).toEqual([0, 0]); // each socket's first turn was prepaid
    expect(a1()).toBeGreaterThan(0);
    const u1 = socketTurnBudget(limiter, { key: '127.0.0.1', known: false });
    const u2 = socketTurnBudget(limiter, { key: '127.0.0.1', known: false });
    expect([u1(), u1(), u2(), u2()]).toEqual([0, 0, 0, 0]);
    expect([u1() > 0, u2() > 0]).toEqual([true, true]);
  });
});
