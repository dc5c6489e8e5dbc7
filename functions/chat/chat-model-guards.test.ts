import { describe, expect, it } from 'vitest';
import { listen } from '../../shared/http/serve.ts';
import { connectChatSocket } from '../../shared/testing/chat-socket.ts';
import { mockProvidersPerTest } from '../../shared/testing/mock-providers.ts';
import { createTestChatApp } from '../../shared/testing/chat-fixture.ts';

// The model proposes, the server disposes: a scripted model (the real openai SDK against an
// OpenAI-compatible server on loopback) makes the mistakes real models make; no order is placed
// that the customer did not hear read back and clearly accept, and the total heard is the server's.

const largePearl = { itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: [], quantity: 2 }; // 2 × ¥18 = ¥36

describe('placement guards and heard totals, whatever the model does', () => {
  const mocks = mockProvidersPerTest('openrouter');
  const env = () => ({ OPENROUTER_API_KEY: 'sk-or-test', OPENROUTER_BASE_URL: mocks.openrouter.baseUrl, CHAT_TURN_TIMEOUT_MS: '2000' });

  it('add_item, checkout and confirm_order in one turn: nothing is placed, the customer hears the read-back', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push(
      { toolCalls: [{ name: 'add_item', arguments: largePearl }] },
      { toolCalls: [{ name: 'checkout', arguments: {} }] },
      { toolCalls: [{ name: 'confirm_order', arguments: {} }] },
      { content: 'Your order is placed!' },
    );
    const turn = await chat('two large pearl milk teas half sugar less ice');
    expect(turn.body.order).toBeNull();
    expect(turn.body.state).toBe('confirming');
    const toolResults = mocks.openrouter.requests.at(-1)!.body.messages.filter((m: any) => m.role === 'tool');
    expect(toolResults.at(-1).content).toContain('not_read_back');
    expect(turn.body.reply).toContain('¥36');
  });

  it.each([
    ['wait, hold on', 'en'],
    ['等一下，我再想想', 'zh'],
    ['is that with ice?', 'en'],
    ['不对，换成中杯', 'zh'],
  ])('"%s" at the read-back: the model confirms anyway, nothing is placed', async (message) => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push({ toolCalls: [{ name: 'add_item', arguments: largePearl }] }, { content: 'Added.' });
    const first = await chat('two large pearl milk teas half sugar less ice');
    mocks.openrouter.push({ toolCalls: [{ name: 'checkout', arguments: {} }] }, { content: 'Two large pearl milk teas, ¥36. Confirm?' });
    await chat("that's all", first.body.sessionId);
    mocks.openrouter.push({ toolCalls: [{ name: 'confirm_order', arguments: {} }] }, { content: 'Placed!' });
    const turn = await chat(message, first.body.sessionId);
    expect(turn.body.order).toBeNull();
    expect(turn.body.state).not.toBe('placed');
    // The model's "Placed!" is not what the customer hears: the server says it is not placed and asks again.
    expect(turn.body.reply).toMatch(/^(Your order is not placed yet\. You have: .*Total ¥36\.|订单还没有下。您点了：.*合计¥36。)/);
    expect(turn.body.reply).not.toContain('Placed!');
  });

  it("a change and a confirm in the read-back's answer: nothing is placed, the customer hears it is not and the new total", async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push({ toolCalls: [{ name: 'add_item', arguments: largePearl }] }, { content: 'Added.' });
    const first = await chat('two large pearl milk teas half sugar less ice');
    mocks.openrouter.push({ toolCalls: [{ name: 'checkout', arguments: {} }] }, { content: 'Two large pearl milk teas, ¥36. Confirm?' });
    await chat("that's all", first.body.sessionId);
    mocks.openrouter.push(
      { toolCalls: [{ name: 'update_line', arguments: { line: 1, quantity: 3 } }] },
      { toolCalls: [{ name: 'confirm_order', arguments: {} }] },
      { content: 'Done, three of them, placed!' },
    );
    const turn = await chat('yes but make it three', first.body.sessionId);
    expect(turn.body.order).toBeNull();
    expect(turn.body.reply).toMatch(/^Your order is not placed yet\. .*3 × large Pearl Milk Tea.*¥54\./);
  });

  it('a read-back of "¥5" for a ¥36 cart: the customer hears ¥36 (POST /chat)', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push({ toolCalls: [{ name: 'add_item', arguments: largePearl }] }, { content: 'Added.' });
    const first = await chat('two large pearl milk teas half sugar less ice');
    mocks.openrouter.push({ toolCalls: [{ name: 'checkout', arguments: {} }] }, { content: 'That comes to ¥5. Shall I place it?' });
    const turn = await chat('就这些', first.body.sessionId);
    expect(turn.body.reply).not.toContain('¥5.');
    expect(turn.body.reply).toContain('¥36');
  });

  it('a read-back that names no amount: the server’s read-back with the total follows it', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push({ toolCalls: [{ name: 'add_item', arguments: largePearl }] }, { content: 'Added.' });
    const first = await chat('two large pearl milk teas half sugar less ice');
    mocks.openrouter.push({ toolCalls: [{ name: 'checkout', arguments: {} }] }, { content: 'Here is your order. Shall I place it?' });
    const turn = await chat("that's all", first.body.sessionId);
    expect(turn.body.reply).toMatch(/^Here is your order\. Shall I place it\? You have: .*Pearl Milk Tea.*Total ¥36\./);
  });

  it('control: a proper read-back and a clear yes place exactly one order at the server’s price', async () => {
    const { chat, orders } = createTestChatApp(env());
    mocks.openrouter.push({ toolCalls: [{ name: 'add_item', arguments: largePearl }] }, { content: 'Added.' });
    const first = await chat('two large pearl milk teas half sugar less ice');
    mocks.openrouter.push({ toolCalls: [{ name: 'checkout', arguments: {} }] }, { content: 'Two large pearl milk teas, ¥36. Confirm?' });
    const readBack = await chat("that's all", first.body.sessionId);
    expect(readBack.body.reply).toBe('Two large pearl milk teas, ¥36. Confirm?');
    mocks.openrouter.push({ toolCalls: [{ name: 'confirm_order', arguments: {} }] }, { content: 'Thank you!' });
    const placed = await chat('yes please', first.body.sessionId);
    expect(placed.body.order).toMatchObject({ total: 3600, status: 'placed' });
    expect((await orders.getOrder(placed.body.order.id))?.total).toBe(3600);
  });

  it('a spoken order is counted as voice in the owner’s report, a typed one as text', async () => {
    const { chat, service } = createTestChatApp(env());
    mocks.openrouter.push({ toolCalls: [{ name: 'add_item', arguments: largePearl }] }, { content: 'Added.' });
    const first = await chat('two large pearl milk teas half sugar less ice', undefined, { input: 'voice' });
    mocks.openrouter.push({ toolCalls: [{ name: 'checkout', arguments: {} }] }, { content: 'Two large pearl milk teas, ¥36. Confirm?' });
    await chat("that's all", first.body.sessionId, { input: 'voice' });
    mocks.openrouter.push({ toolCalls: [{ name: 'confirm_order', arguments: {} }] }, { content: 'Thank you!' });
    const placed = await chat('yes', first.body.sessionId, { input: 'voice' });
    expect(placed.body.order).not.toBeNull();
    const report = await service.reports.summary({});
    expect(report.channels).toMatchObject({ chat_voice: 1, chat_text: 0 });
    expect(report.agent).toMatchObject({ turns: { openrouter: 3, total: 3 }, ordersConfirmed: 1 });
    expect((await chat('hi', undefined, { input: 'shouting' })).status).toBe(400);
  });

  it('/chat/ws: a streamed read-back of "¥5" is reset; what the customer sees ends as the server’s read-back with ¥36', async () => {
    const { app } = createTestChatApp(env());
    const server = await listen(app.fetch, 0, '127.0.0.1');
    const socket = await connectChatSocket(`ws://127.0.0.1:${server.port}/chat/ws`);
    mocks.openrouter.push({ toolCalls: [{ name: 'add_item', arguments: largePearl }] }, { content: 'Added.' });
    await socket.turn('two large pearl milk teas half sugar less ice');
    mocks.openrouter.push({ toolCalls: [{ name: 'checkout', arguments: {} }] }, { content: 'That comes to ¥5. Shall I place it?' });
    const turn = await socket.turn("that's all");
    expect(turn.resets).toBe(1);
    expect(turn.deltas.join('')).toBe(turn.done!.reply);
    expect(turn.done!.reply).toContain('¥36');
    expect(turn.done!.reply).not.toContain('¥5.');
    // And a confirm_order on a wait: nothing placed over the socket either.
    mocks.openrouter.push({ toolCalls: [{ name: 'confirm_order', arguments: {} }] }, { content: 'Placed!' });
    const wait = await socket.turn('wait, hold on');
    expect(wait.done!.order).toBeNull();
    socket.close();
    await server.stop();
  });
});
