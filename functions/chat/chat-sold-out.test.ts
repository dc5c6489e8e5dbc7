import { afterEach, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../shared/http/serve.ts';
import { createTestChatApp } from '../../shared/testing/chat-fixture.ts';
import { connectChatSocket } from '../../shared/testing/chat-socket.ts';
import { mockProvidersPerTest } from '../../shared/testing/mock-providers.ts';

// Issue 12 part 2: a menu change is never an error to the customer. The chat's menu cache is
// made long here so that "staff sold it out after the chat read the menu" happens every time.
const STALE_MENU = { menuCacheMs: 60_000 };
// A cart line that sold out is seen once the chat's menu cache (2 s) has moved on: here at once.
const FRESH_MENU = { menuCacheMs: 0 };
const taro = { itemId: 'taro-milk-tea', size: 'M', sugar: 70, ice: 'none', quantity: 1 };
const oolong = { itemId: 'oolong-milk-tea', size: 'L', sugar: 50, ice: 'light', quantity: 1 };

describe('sold out between reading the menu and committing (offline agent)', () => {
  it('POST /chat: the refused commit re-runs the turn on the fresh menu; the agent says so and suggests others', async () => {
    const { chat, service } = createTestChatApp({}, STALE_MENU);
    const first = await chat('我要一杯大杯乌龙奶茶，半糖少冰'); // the chat reads (and caches) the menu
    service.setAvailability('taro-milk-tea', false);
    const { status, body } = await chat('再来一杯中杯芋泥奶茶，少糖去冰', first.body.sessionId);
    expect(status).toBe(200);
    expect(body.provider).toBe('rules');
    expect(body.reply).toMatch(/芋泥奶茶.*卖完/);
    expect(body.reply).toMatch(/推荐|可以试试/);
    expect(body.cart.lines.map((line: any) => line.itemId)).toEqual(['oolong-milk-tea']);
  });

  it('/chat/ws: the text streamed for the refused attempt is reset; done carries the sold-out reply', async () => {
    const { app, service } = createTestChatApp({}, STALE_MENU);
    const server = await listen(app.fetch, 0, '127.0.0.1');
    const socket = await connectChatSocket(`ws://127.0.0.1:${server.port}/chat/ws`);
    await socket.turn('a large oolong milk tea, half sugar, less ice');
    service.setAvailability('taro-milk-tea', false);
    const turn = await socket.turn('and a medium taro milk tea, less sugar, no ice');
    expect(turn.error).toBeUndefined();
    expect(turn.resets).toBe(1);
    expect(turn.done!.reply).toMatch(/Taro Milk Tea is sold out/);
    expect(turn.deltas.join('')).toBe(turn.done!.reply);
    expect(turn.done!.cart.lines).toHaveLength(1);
    socket.close();
    await server.stop();
  });

  it('a cart line that sold out: named with a choice on the next turn, checkout waits, other turns work, removing it resolves it', async () => {
    const { chat, service } = createTestChatApp({}, FRESH_MENU);
    const { body: start } = await chat('我要一杯中杯芋泥奶茶，少糖去冰');
    const id = start.sessionId;
    await chat('再来一杯大杯乌龙奶茶，半糖少冰', id);
    service.setAvailability('taro-milk-tea', false);

    const hello = await chat('你好', id);
    expect(hello.status).toBe(200);
    expect(hello.body.reply).toMatch(/第1杯芋泥奶茶刚刚卖完了。要删掉它，还是换成别的饮品，比如.+？/);
    expect(hello.body.cart.lines).toHaveLength(2); // kept until the customer chooses

    const checkout = await chat('就这些', id);
    expect(checkout.status).toBe(200);
    expect(checkout.body.state).toBe('collecting');
    expect(checkout.body.reply).toContain('芋泥奶茶');

    const status = await chat('现在一共多少钱', id);
    expect(status.status).toBe(200);

    const removed = await chat('删掉芋泥奶茶', id);
    expect(removed.body.cart.lines.map((line: any) => line.itemId)).toEqual(['oolong-milk-tea']);
    expect(removed.body.reply).not.toContain('卖完');

    expect((await chat('就这些', id)).body.state).toBe('confirming');
    const placed = await chat('确认', id);
    expect(placed.body.order).toMatchObject({ total: 1800, lines: [expect.objectContaining({ itemId: 'oolong-milk-tea' })] });
  });

  it('sold out after the read-back: "confirm" places nothing, answers 200, and asks about the drink', async () => {
    const { chat, service } = createTestChatApp({}, STALE_MENU);
    const { body: start } = await chat('我要一杯中杯芋泥奶茶，少糖去冰');
    await chat('再来一杯大杯乌龙奶茶，半糖少冰', start.sessionId);
    expect((await chat('就这些', start.sessionId)).body.state).toBe('confirming');
    service.setAvailability('taro-milk-tea', false);
    const { status, body } = await chat('确认', start.sessionId);
    expect(status).toBe(200);
    expect(body.order).toBeNull();
    expect(body.state).toBe('collecting');
    expect(body.reply).toMatch(/芋泥奶茶刚刚卖完了/);
    expect(service.listOrders({ limit: 5 })).toEqual([]);
  });
});

describe('sold out with an LLM (mock OpenRouter)', () => {
  const mocks = mockProvidersPerTest('openrouter');
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  const env = () => ({ OPENROUTER_API_KEY: 'k', OPENROUTER_BASE_URL: mocks.openrouter.baseUrl });

  it('the model adds a drink that sold out a moment ago: the turn re-runs with the fresh menu and the model says so (/chat/ws)', async () => {
    const { app, service, chain } = createTestChatApp(env(), STALE_MENU);
    server = await listen(app.fetch, 0, '127.0.0.1');
    const socket = await connectChatSocket(`ws://127.0.0.1:${server.port}/chat/ws`);
    mocks.openrouter.push({ content: 'Hi! What would you like?' });
    await socket.turn('hello');
    service.setAvailability('taro-milk-tea', false);
    mocks.openrouter.push(
      { toolCalls: [{ name: 'add_item', arguments: taro }] },
      { content: 'Added a medium taro milk tea.' },
      // The re-run, on the fresh menu:
      { toolCalls: [{ name: 'add_item', arguments: taro }] },
      { content: 'Sorry, the taro milk tea just sold out. How about an oolong milk tea?' },
    );
    const turn = await socket.turn('a medium taro milk tea, less sugar, no ice');
    expect(turn.error).toBeUndefined();
    expect(turn.resets).toBe(1);
    expect(turn.done).toMatchObject({
      provider: 'openrouter',
      reply: 'Sorry, the taro milk tea just sold out. How about an oolong milk tea?',
      cart: { lines: [] },
    });
    const rerun = mocks.openrouter.requests[3]!.body.messages;
    expect(rerun[0].content).toMatch(/taro-milk-tea: [^\n]*SOLD OUT today/);
    expect(mocks.openrouter.requests[4]!.body.messages.at(-1)).toMatchObject({ role: 'tool' });
    expect(mocks.openrouter.requests[4]!.body.messages.at(-1).content).toContain('item_sold_out');
    socket.close();
    chain.close();
  });

  it('a cart line sold out: the model is told, the server names it if the model did not, and replacing it resolves it', async () => {
    const { chat, service } = createTestChatApp(env(), FRESH_MENU);
    mocks.openrouter.push(
      {
        toolCalls: [
          { name: 'add_item', arguments: taro },
          { name: 'add_item', arguments: oolong },
        ],
      },
      { content: 'Added both.' },
    );
    const { body: start } = await chat('a medium taro milk tea and a large oolong');
    service.setAvailability('taro-milk-tea', false);

    mocks.openrouter.push({ content: 'Hello again!' });
    const hello = await chat('hello', start.sessionId);
    expect(hello.status).toBe(200);
    expect(hello.body.reply).toBe(
      'Hello again! Sorry, the Taro Milk Tea (line 1) just sold out. Shall I remove it, or replace it with another drink, such as Brown Sugar Pearl Milk or Matcha Latte? Checkout waits until it is sorted.',
    );
    expect(mocks.openrouter.requests.at(-1)!.body.messages[0].content).toMatch(/1\. 1x taro-milk-tea [^\n]*SOLD OUT since it was added/);

    mocks.openrouter.push({ toolCalls: [{ name: 'checkout', arguments: {} }] }, { content: 'The taro milk tea sold out; remove or replace it?' });
    const checkout = await chat("that's all", start.sessionId);
    expect(checkout.body.state).toBe('collecting');
    expect(checkout.body.reply).toBe('The taro milk tea sold out; remove or replace it?'); // the model named it: no second sentence

    mocks.openrouter.push(
      { toolCalls: [{ name: 'update_line', arguments: { line: 1, itemId: 'matcha-latte' } }] },
      { content: 'Swapped it for a matcha latte.' },
    );
    const replaced = await chat('replace it with a matcha latte', start.sessionId);
    expect(replaced.body.reply).toBe('Swapped it for a matcha latte.');
    expect(replaced.body.cart.lines.map((line: any) => line.itemId)).toEqual(['matcha-latte', 'oolong-milk-tea']);
  });
});
