import { describe, expect, it } from 'vitest';
import { createAgentChain } from '../../shared/agent/chain/agent-chain.ts';
import { createLlmLink, type LlmLinkOptions } from '../../shared/agent/chain/llm-link.ts';
import { createRulesLink } from '../../shared/agent/chain/rules-link.ts';
import { silentLogger } from '../../shared/http/logger.ts';
import { listen } from '../../shared/http/serve.ts';
import { createTestChatApp } from '../../shared/testing/chat-fixture.ts';
import { connectChatSocket } from '../../shared/testing/chat-socket.ts';
import { mockProvidersPerTest } from '../../shared/testing/mock-providers.ts';

// The placement guard and the heard total sit below every provider: the same mistakes, played by
// the model as the OpenRouter link (streamed, and not streamed) and as the vLLM link (one tool
// call per message), in Chinese and English, over POST /chat and /chat/ws.

const LINKS: { label: string; options: Partial<LlmLinkOptions> & Pick<LlmLinkOptions, 'name'> }[] = [
  { label: 'openrouter link, streamed', options: { name: 'openrouter' } },
  { label: 'openrouter link, not streamed', options: { name: 'openrouter', stream: false } },
  { label: 'vllm link', options: { name: 'vllm', oneCallPerMessage: true } },
];
const largePearl = { itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: [], quantity: 2 }; // 2 × ¥18 = ¥36
const add = { toolCalls: [{ name: 'add_item', arguments: largePearl }] };
const checkout = { toolCalls: [{ name: 'checkout', arguments: {} }] };
const confirm = { toolCalls: [{ name: 'confirm_order', arguments: {} }] };
const SAY = {
  en: { order: 'two large pearl milk teas half sugar less ice, place it now', done: "that's all", wait: 'wait, hold on', total: 'Total ¥36' },
  zh: { order: '两杯大杯珍珠奶茶半糖少冰，直接下单', done: '就这些', wait: '等一下，我再想想', total: '合计¥36' },
} as const;

describe.each(LINKS)('guards on the $label', ({ options }) => {
  const mocks = mockProvidersPerTest('model');
  const provider = options.name;

  /** A chat app whose chain is this link, then the offline agent; `turn` over POST /chat or the socket. */
  async function open(transport: 'post' | 'ws') {
    const link = createLlmLink({
      baseUrl: mocks.model.baseUrl,
      apiKey: 'k',
      model: 'scripted',
      turnTimeoutMs: 2000,
      firstTokenTimeoutMs: 1000,
      breaker: { failureThreshold: 3, cooldownMs: 30_000 },
      log: silentLogger,
      ...options,
    });
    const chain = createAgentChain([link, createRulesLink(silentLogger)], silentLogger);
    const fixture = createTestChatApp({}, { chain });
    if (transport === 'post') {
      let sessionId: string | undefined;
      return {
        fixture,
        turn: async (text: string) => {
          const { body } = await fixture.chat(text, sessionId);
          sessionId = body.sessionId;
          return { body, resets: 0, shown: body.reply as string };
        },
        close: async () => chain.close(),
      };
    }
    const server = await listen(fixture.app.fetch, 0, '127.0.0.1');
    const socket = await connectChatSocket(`ws://127.0.0.1:${server.port}/chat/ws`);
    let sessionId: string | undefined;
    return {
      fixture,
      turn: async (text: string) => {
        const turn = await socket.turn(text, sessionId ? { sessionId } : {});
        sessionId = turn.done!.sessionId;
        return { body: turn.done!, resets: turn.resets, shown: turn.deltas.join('') };
      },
      close: async () => {
        socket.close();
        await server.stop();
        chain.close();
      },
    };
  }

  describe.each(['post', 'ws'] as const)('over %s', (transport) => {
    it.each(['en', 'zh'] as const)('%s: add_item, checkout and confirm_order in one turn place nothing; the customer hears the read-back', async (lang) => {
      const chat = await open(transport);
      mocks.model.push(add, checkout, confirm, { content: lang === 'zh' ? '已为您下单！' : 'Your order is placed!' });
      const turn = await chat.turn(SAY[lang].order);
      expect(turn.body).toMatchObject({ provider, order: null, state: 'confirming' });
      // The model's "placed" is never heard: the server says it is not, and reads the order back.
      expect(turn.body.reply).toMatch(
        lang === 'zh'
          ? /^订单还没有下。您点了：.*合计¥36。确认下单吗？$/
          : /^Your order is not placed yet\. You have: .*Total ¥36\. Shall I place the order\?$/,
      );
      expect(turn.shown).toBe(turn.body.reply);
      await chat.close();
    });

    it.each(['en', 'zh'] as const)(
      '%s: a read-back of ¥5 for ¥36 is the server’s; a confirm on a wait places nothing; a yes places one order at ¥36',
      async (lang) => {
        const chat = await open(transport);
        mocks.model.push(add, { content: lang === 'zh' ? '好的。' : 'Added.' });
        await chat.turn(SAY[lang].order.replace(/, place it now|，直接下单/, ''));
        mocks.model.push(checkout, { content: lang === 'zh' ? '一共5元，确认吗？' : 'That comes to ¥5. Shall I place it?' });
        const readBack = await chat.turn(SAY[lang].done);
        expect(readBack.body.reply).toContain(SAY[lang].total);
        expect(readBack.body.reply).not.toMatch(/¥5[^\d]|5元/);
        expect(readBack.shown).toBe(readBack.body.reply);
        // The wrong words were streamed over the socket (and reset); POST never shows them.
        expect(readBack.resets).toBe(transport === 'ws' ? 1 : 0);
        mocks.model.push(confirm, { content: lang === 'zh' ? '已下单！' : 'Placed!' });
        const wait = await chat.turn(SAY[lang].wait);
        expect(wait.body).toMatchObject({ order: null, state: 'confirming' });
        expect(wait.body.reply).not.toMatch(/Placed|已下单/);
        expect(wait.body.reply).toContain(lang === 'zh' ? '订单还没有下。' : 'Your order is not placed yet.');
        expect(wait.shown).toBe(wait.body.reply);
        expect(wait.resets).toBe(transport === 'ws' ? 1 : 0);
        mocks.model.push(confirm, { content: lang === 'zh' ? '谢谢！' : 'Thank you!' });
        const yes = await chat.turn(lang === 'zh' ? '好的' : 'yes');
        expect(yes.body.order).toMatchObject({ total: 3600, status: 'placed' });
        expect(yes.body.provider).toBe(provider);
        await chat.close();
      },
    );
  });
});
