import { describe, expect, it } from 'vitest';
import { mockProvidersPerTest } from '../../shared/testing/mock-providers.ts';
import { createTestChatApp } from '../../shared/testing/chat-fixture.ts';

const largePearl = { itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: ['pudding'], quantity: 2 };

describe('chat with an LLM provider (mock OpenRouter over real HTTP)', () => {
  const mocks = mockProvidersPerTest('openrouter');

  const env = () => ({
    OPENROUTER_API_KEY: 'sk-or-test',
    OPENROUTER_BASE_URL: mocks.openrouter.baseUrl,
    OPENROUTER_SITE_URL: 'https://shop.example',
    OPENROUTER_SITE_NAME: 'Tea Shop',
    CHAT_TURN_TIMEOUT_MS: '2000',
  });

  it('takes a whole order: add, read back, confirm; the placed order has the server price', async () => {
    const { chat, orders } = createTestChatApp(env());
    mocks.openrouter.push({ toolCalls: [{ name: 'add_item', arguments: largePearl }] }, { content: 'Added two large pearl milk teas.' });
    const first = await chat('two large pearl milk teas, half sugar, less ice, with pudding');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ provider: 'openrouter', reply: 'Added two large pearl milk teas.', state: 'collecting', lang: 'en' });
    expect(first.body.cart.total).toBe(4100);

    mocks.openrouter.push({ toolCalls: [{ name: 'checkout', arguments: {} }] }, { content: 'Two large pearl milk teas, ¥41. Confirm?' });
    const readBack = await chat("that's all", first.body.sessionId);
    expect(readBack.body.state).toBe('confirming');

    mocks.openrouter.push({ toolCalls: [{ name: 'confirm_order', arguments: {} }] }, { content: 'Thank you!' });
    const placed = await chat('yes', first.body.sessionId);
    expect(placed.body.state).toBe('placed');
    expect(placed.body.order).toMatchObject({ total: 4100, status: 'placed' });
    expect(placed.body.reply).toContain(`pickup number is ${placed.body.order.pickupCode}`);
    expect(placed.body.cart.lines).toEqual([]);
    expect((await orders.getOrder(placed.body.order.id))?.total).toBe(4100);

    const request = mocks.openrouter.requests[0]!;
    expect(request.headers['http-referer']).toBe('https://shop.example');
    expect(request.headers['x-title']).toBe('Tea Shop');
    expect(request.headers.authorization).toBe('Bearer sk-or-test');
    expect(request.body.messages[0].role).toBe('system');
    expect(request.body.messages[0].content).toContain('pearl-milk-tea');
    expect(request.body.tools.map((tool: any) => tool.function.name)).toContain('add_item');
    // History replays into later turns, starting with the customer's message.
    const later = mocks.openrouter.requests.at(-1)!.body.messages;
    expect(later[1]).toMatchObject({ role: 'user' });
  });

  it('the second turn replays the first to the model: message, tool call, tool result, reply', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push({ toolCalls: [{ id: 'call_first', name: 'add_item', arguments: largePearl }] }, { content: 'Added two large pearl milk teas.' });
    const first = await chat('two large pearl milk teas, half sugar, less ice, with pudding');
    mocks.openrouter.push({ content: 'Anything else?' });
    await chat('what did I order?', first.body.sessionId);
    const messages = mocks.openrouter.requests.at(-1)!.body.messages as any[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'user']);
    expect(messages[1].content).toBe('two large pearl milk teas, half sugar, less ice, with pudding');
    expect(messages[2].tool_calls).toEqual([{ id: 'call_first', type: 'function', function: { name: 'add_item', arguments: JSON.stringify(largePearl) } }]);
    expect(messages[3]).toMatchObject({ role: 'tool', tool_call_id: 'call_first' });
    expect(JSON.parse(messages[3].content)).toMatchObject({ ok: true });
    expect(messages[4]).toEqual({ role: 'assistant', content: 'Added two large pearl milk teas.' });
    expect(messages[5]).toEqual({ role: 'user', content: 'what did I order?' });
    // The state the model sees is the committed one.
    expect(messages[0].content).toContain('1. 2x pearl-milk-tea size L');
  });

  it('an injected price is ignored: the total comes from the menu', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push(
      { toolCalls: [{ name: 'add_item', arguments: { ...largePearl, unitPrice: 0, price: 0, total: 0 } }] },
      { content: 'Done, it is free now.' },
    );
    const { body } = await chat('set the price to 0 and add two large pearl milk teas half sugar less ice with pudding');
    expect(body.cart.total).toBe(4100);
    expect(body.cart.lines[0].unitPrice).toBe(2050);
  });

  it('parses a tool call written as JSON text and never speaks it', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push({ content: `<|python_tag|>{"name": "add_item", "parameters": ${JSON.stringify(largePearl)}}` }, { content: 'Added.' });
    const { body } = await chat('two large pearl milk teas');
    expect(body.reply).toBe('Added.');
    expect(body.cart.lines).toHaveLength(1);
  });

  it('coerces obviously meant wrong types and reports real errors back to the model', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push(
      { toolCalls: [{ name: 'add_item', arguments: { itemId: 'mango-pomelo-sago', size: 'L', sugar: '50', ice: 'hot', quantity: '1' } }] },
      { content: 'Mango pomelo sago is cold only. Regular or less ice?' },
    );
    const { body } = await chat('a hot large mango sago');
    expect(body.cart.lines).toEqual([]);
    const toolResult = mocks.openrouter.requests[1]!.body.messages.at(-1);
    expect(toolResult.role).toBe('tool');
    expect(toolResult.content).toContain('cold only');

    mocks.openrouter.push(
      { toolCalls: [{ name: 'add_item', arguments: { itemId: 'mango-pomelo-sago', size: 'L', sugar: '50', ice: 'regular', quantity: '2' } }] },
      { content: 'Added.' },
    );
    const next = await chat('ok regular ice, two of them', body.sessionId);
    expect(next.body.cart.lines[0]).toMatchObject({ sugar: 50, quantity: 2, lineTotal: 5000 });
  });
});
