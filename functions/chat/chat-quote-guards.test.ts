import { describe, expect, it } from 'vitest';
import { listen } from '../../shared/http/serve.ts';
import { connectChatSocket } from '../../shared/testing/chat-socket.ts';
import { mockProvidersPerTest } from '../../shared/testing/mock-providers.ts';
import { createTestChatApp } from '../../shared/testing/chat-fixture.ts';

// A price the model states after quote_price is the server's: a wrong one is replaced by the
// server's quote, a reply naming none is followed by it (with a reset on the socket).

const quoteLarge = { name: 'quote_price', arguments: { itemId: 'pearl-milk-tea', size: 'L' } }; // ¥18
const quoteTwo = { name: 'quote_price', arguments: { itemId: 'pearl-milk-tea', size: 'L', quantity: 2 } }; // 2 × ¥18 = ¥36

describe('price quotes after quote_price come from the server', () => {
  const mocks = mockProvidersPerTest('openrouter');
  const env = () => ({ OPENROUTER_API_KEY: 'sk-or-test', OPENROUTER_BASE_URL: mocks.openrouter.baseUrl, CHAT_TURN_TIMEOUT_MS: '2000' });

  it('en: "¥12" for a ¥18 drink is replaced by the server’s quote (POST /chat)', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push({ toolCalls: [quoteLarge] }, { content: 'A large pearl milk tea is ¥12.' });
    const turn = await chat('how much is a large pearl milk tea?');
    expect(turn.body.reply).not.toContain('¥12');
    expect(turn.body.reply).toBe('Pearl Milk Tea: large ¥18.');
  });

  it('zh: "12块" for ¥18 is replaced, in Chinese; the model sees what the customer heard next turn', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push({ toolCalls: [quoteTwo] }, { content: '两杯大杯珍珠奶茶一共24块。' });
    const turn = await chat('两杯大杯珍珠奶茶多少钱？');
    expect(turn.body.reply).not.toContain('24');
    expect(turn.body.reply).toMatch(/^珍珠奶茶：大杯 ¥18，2杯共¥36。$/);
    mocks.openrouter.push({ content: '好的' });
    await chat('好', turn.body.sessionId);
    const history = mocks.openrouter.requests.at(-1)!.body.messages;
    expect(history.some((m: any) => m.role === 'assistant' && m.content === turn.body.reply)).toBe(true);
  });

  it('a quote naming no amount is followed by the server’s price; a right one is left alone', async () => {
    const { chat } = createTestChatApp(env());
    mocks.openrouter.push({ toolCalls: [quoteLarge] }, { content: 'It is a good price!' });
    const none = await chat('how much is a large pearl milk tea?');
    expect(none.body.reply).toBe('It is a good price! Pearl Milk Tea: large ¥18.');
    mocks.openrouter.push({ toolCalls: [quoteTwo] }, { content: 'Two large ones come to ¥36 (¥18 each).' });
    const right = await chat('and two?', none.body.sessionId);
    expect(right.body.reply).toBe('Two large ones come to ¥36 (¥18 each).');
  });

  it('/chat/ws: a streamed wrong quote is reset; the customer sees the server’s quote (zh and en)', async () => {
    const { app } = createTestChatApp(env());
    const server = await listen(app.fetch, 0, '127.0.0.1');
    const socket = await connectChatSocket(`ws://127.0.0.1:${server.port}/chat/ws`);
    mocks.openrouter.push({ toolCalls: [quoteLarge] }, { content: '大杯珍珠奶茶5元。' });
    const zh = await socket.turn('大杯珍珠奶茶多少钱');
    expect(zh.resets).toBe(1);
    expect(zh.done!.reply).toBe('珍珠奶茶：大杯 ¥18。');
    expect(zh.deltas.join('')).toBe(zh.done!.reply);
    mocks.openrouter.push({ toolCalls: [quoteLarge] }, { content: 'That is ¥5.' });
    const en = await socket.turn('how much is a large pearl milk tea');
    expect(en.resets).toBe(1);
    expect(en.done!.reply).toBe('Pearl Milk Tea: large ¥18.');
    socket.close();
    await server.stop();
  });
});
