import { describe, expect, it } from 'vitest';
import { createTestChatApp } from '../../shared/testing/chat-fixture.ts';
import { mockProvidersPerTest } from '../../shared/testing/mock-providers.ts';
import { freePort } from '../../shared/testing/spawn-bundle.ts';
import { waitFor } from '../../shared/testing/wait-for.ts';

const oolong = { itemId: 'oolong-milk-tea', size: 'M', sugar: 70, ice: 'none', quantity: 1 };

describe('provider chain: OpenRouter → vLLM → rules', () => {
  const mocks = mockProvidersPerTest('openrouter', 'vllm');

  const env = (extra: Record<string, string> = {}) => ({
    OPENROUTER_API_KEY: 'sk-or-test',
    OPENROUTER_BASE_URL: mocks.openrouter.baseUrl,
    VLLM_BASE_URL: mocks.vllm.baseUrl,
    VLLM_API_KEY: 'vllm-key',
    VLLM_WAKE_POLL_MS: '50',
    CHAT_TURN_TIMEOUT_MS: '1500',
    ...extra,
  });

  it('OpenRouter 500 with vLLM still cold: rules answer at once while vLLM is woken; then vLLM answers', async () => {
    const { chat, chain } = createTestChatApp(env());
    mocks.vllm.setHealth(503);
    mocks.openrouter.push({ status: 500 }, { status: 500 });
    const first = await chat('我要一杯中杯乌龙奶茶，少糖去冰');
    expect(first.body.provider).toBe('rules');
    expect(first.body.cart.lines).toHaveLength(1);
    expect(mocks.openrouter.requests).toHaveLength(2); // one retry of a 5xx, no more
    expect(mocks.vllm.requests).toHaveLength(0); // nobody waited on the GPU

    mocks.vllm.setHealth(200);
    // The gate opens on its first healthy probe; wait for it rather than for a fixed time.
    await waitFor(() => chain.status()[1]!.warmup === 'ready');
    mocks.openrouter.push({ status: 500 }, { status: 500 });
    mocks.vllm.push({ toolCalls: [{ name: 'add_item', arguments: oolong }] }, { content: '好的，又加了一杯。' });
    const second = await chat('再来一杯一样的', first.body.sessionId);
    expect(second.body.provider).toBe('vllm');
    expect(second.body.cart.lines).toHaveLength(2);
    expect(mocks.vllm.requests[0]!.headers.authorization).toBe('Bearer vllm-key');
  });

  it('both LLMs down → the rules answer, provider "rules"', async () => {
    const { chat } = createTestChatApp(env());
    mocks.vllm.setHealth(503);
    mocks.openrouter.push({ status: 503 }, { status: 503 });
    const { status, body } = await chat('a medium taro milk tea, less sugar, no ice, with pudding');
    expect(status).toBe(200);
    expect(body.provider).toBe('rules');
    expect(body.cart.lines[0]).toMatchObject({ itemId: 'taro-milk-tea', size: 'M', sugar: 70, ice: 'none', toppings: ['pudding'] });
  });

  it('402 and 429 fall through at once, without a retry and without waiting for Retry-After', async () => {
    const { chat } = createTestChatApp(env({ VLLM_BASE_URL: '' }));
    mocks.openrouter.push({ status: 402, body: { error: { message: 'insufficient credits' } } });
    expect((await chat('hi')).body.provider).toBe('rules');
    expect(mocks.openrouter.requests).toHaveLength(1);
    mocks.openrouter.push({ status: 429, headers: { 'retry-after': '30' } });
    const started = Date.now();
    expect((await chat('hello')).body.provider).toBe('rules');
    expect(Date.now() - started).toBeLessThan(15_000); // far below the 30 s Retry-After
    expect(mocks.openrouter.requests).toHaveLength(2);
  });

  it('a hanging provider costs at most the configured bound', async () => {
    const { chat } = createTestChatApp(env({ VLLM_BASE_URL: '', CHAT_TURN_TIMEOUT_MS: '300' }));
    mocks.openrouter.push({ hang: true });
    const { body } = await chat('hello'); // a hang never answers: the rules reply shows the bound fired
    expect(body.provider).toBe('rules');
  });

  it('connection refused falls through to the rules', async () => {
    const { chat } = createTestChatApp({ OPENROUTER_API_KEY: 'k', OPENROUTER_BASE_URL: `http://127.0.0.1:${await freePort()}/v1` });
    expect((await chat('hello')).body.provider).toBe('rules');
  });

  it('an open breaker skips the dead provider; a background probe, not a customer, finds it recovered', async () => {
    const { chat, chain } = createTestChatApp(env({ VLLM_BASE_URL: '', CHAT_BREAKER_FAILURES: '2', CHAT_BREAKER_COOLDOWN_MS: '200' }));
    // The fifth answer is the background probe's, whenever the cooldown lets it run.
    mocks.openrouter.push({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { content: 'pong' });
    const customerCalls = () => mocks.openrouter.requests.filter((request) => request.body.tools).length;
    await chat('hello');
    expect(chain.status()[0]).toMatchObject({ name: 'openrouter', state: 'closed', failures: 1 });
    await chat('hello');
    expect(customerCalls()).toBe(4);
    expect(chain.status()[0]).toMatchObject({ lastGoodAt: null });
    for (let i = 0; i < 3; i += 1) expect((await chat('hello')).body.provider).toBe('rules');
    expect(customerCalls()).toBe(4); // breaker open (or probing): customers never call it
    await waitFor(() => chain.status()[0]!.state === 'closed');
    const probe = mocks.openrouter.requests[4]!.body;
    expect(probe).toMatchObject({ max_tokens: 1 });
    expect(probe.tools).toBeUndefined();
    expect(chain.status()[0]!.lastGoodAt).not.toBeNull();
    mocks.openrouter.push({ content: 'Hello! What would you like?' });
    expect((await chat('hello')).body.provider).toBe('openrouter');
    expect(mocks.openrouter.requests).toHaveLength(6);
    chain.close();
  });

  it('exactly one set of state changes per turn, whatever failed in between', async () => {
    const { chat } = createTestChatApp(env({ VLLM_BASE_URL: '' }));
    // OpenRouter adds a drink, then dies before answering: its change must not survive.
    mocks.openrouter.push({ toolCalls: [{ name: 'add_item', arguments: oolong }] }, { status: 500 }, { status: 500 });
    const { body } = await chat('我要一杯中杯乌龙奶茶，少糖去冰');
    expect(body.provider).toBe('rules');
    expect(body.cart.lines).toHaveLength(1);
    expect(body.cart.lines[0]).toMatchObject({ itemId: 'oolong-milk-tea', quantity: 1 });
  });
});
