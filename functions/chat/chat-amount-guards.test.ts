import { describe, expect, it } from 'vitest';
import { listen } from '../../shared/http/serve.ts';
import { connectChatSocket } from '../../shared/testing/chat-socket.ts';
import { mockProvidersPerTest } from '../../shared/testing/mock-providers.ts';
import { createTestChatApp } from '../../shared/testing/chat-fixture.ts';

// Outside a read-back and a quote, an amount the model makes up ("¥5 so far") never reaches the
// customer: the sentence naming it is dropped and the server's running total follows.

const largePearl = { itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: [], quantity: 2 }; // 2 × ¥18 = ¥36
const add = { toolCalls: [{ name: 'add_item', arguments: largePearl }] };

describe('any amount the customer hears is one the server stands behind', () => {
  const mocks = mockProvidersPerTest('openrouter');
  const env = () => ({ OPENROUTER_API_KEY: 'sk-or-test', OPENROUTER_BASE_URL: mocks.openrouter.baseUrl, CHAT_TURN_TIMEOUT_MS: '2000' });

  it('en: "¥5 so far" for a ¥36 cart: that sentence is dropped, the rest kept, the server’s running total follows (POST /chat)', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push(add, { content: "Added, that's ¥5 so far. Any toppings?" });
    const turn = await chat('two large pearl milk teas half sugar less ice');
    expect(turn.body.reply).toBe('Any toppings? Your order so far: 2 × large Pearl Milk Tea (half sugar, less ice). Total so far ¥36.');
    expect(turn.body.state).toBe('collecting');
  });

  it('zh: "一共5块" is replaced in Chinese; the model sees what the customer heard on the next turn', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push(add, { content: '好的，已加入，一共5块。' });
    const turn = await chat('两杯大杯珍珠奶茶半糖少冰');
    expect(turn.body.reply).toBe('您的订单：2杯大杯珍珠奶茶（半糖、少冰）。目前合计¥36。');
    mocks.openrouter.push({ content: '还需要别的吗？' });
    await chat('嗯', turn.body.sessionId);
    const history = mocks.openrouter.requests.at(-1)!.body.messages;
    expect(history.some((m: any) => m.role === 'assistant' && m.content === turn.body.reply)).toBe(true);
  });

  it('amounts the server stands behind pass untouched: the cart’s total and line prices, the menu’s prices', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push(add, { content: 'Added: 2 × ¥18 = ¥36. A medium would be ¥15 each; pudding is ¥2.50.' });
    const turn = await chat('two large pearl milk teas half sugar less ice');
    expect(turn.body.reply).toBe('Added: 2 × ¥18 = ¥36. A medium would be ¥15 each; pudding is ¥2.50.');
  });

  it('after the order is placed, its total is one the server stands behind; another amount is not', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push(add, { content: 'Added.' });
    const first = await chat('two large pearl milk teas half sugar less ice');
    mocks.openrouter.push({ toolCalls: [{ name: 'checkout', arguments: {} }] }, { content: 'Two large pearl milk teas, ¥36. Confirm?' });
    await chat("that's all", first.body.sessionId);
    mocks.openrouter.push({ toolCalls: [{ name: 'confirm_order', arguments: {} }] }, { content: 'Thank you!' });
    expect((await chat('yes', first.body.sessionId)).body.order).toMatchObject({ total: 3600 });
    mocks.openrouter.push({ content: 'Your ¥36 order is being made.' });
    expect((await chat('how is my order doing?', first.body.sessionId)).body.reply).toBe('Your ¥36 order is being made.');
    mocks.openrouter.push({ content: 'Your ¥40 order is being made.' });
    expect((await chat('and now?', first.body.sessionId)).body.reply).toBe('Prices are as on the menu; which drink would you like a price for?');
  });

  it('an empty cart and a made-up price (no quote_price): the customer is pointed to the menu’s prices', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push({ content: 'A large pearl milk tea is only ¥13 today!' });
    const turn = await chat('how much is a large pearl milk tea?');
    expect(turn.body.reply).toBe('Prices are as on the menu; which drink would you like a price for?');
  });

  it('/chat/ws: the streamed "¥5" is reset; what the customer sees ends as the server’s running total', async () => {
    const { app } = createTestChatApp(env());
    const server = await listen(app.fetch, 0, '127.0.0.1');
    const socket = await connectChatSocket(`ws://127.0.0.1:${server.port}/chat/ws`);
    mocks.openrouter.push(add, { content: '好的，目前一共5元，还要别的吗？' });
    const turn = await socket.turn('两杯大杯珍珠奶茶半糖少冰');
    expect(turn.resets).toBe(1);
    expect(turn.deltas.join('')).toBe(turn.done!.reply);
    expect(turn.done!.reply).toBe('您的订单：2杯大杯珍珠奶茶（半糖、少冰）。目前合计¥36。');
    socket.close();
    await server.stop();
  });
});
