import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/http/logger.ts';
import { listen } from '../../shared/http/serve.ts';
import { createTestChatApp } from '../../shared/testing/chat-fixture.ts';
import { connectChatSocket } from '../../shared/testing/chat-socket.ts';
import { startMockOpenAI } from '../../shared/testing/mock-openai-chat.ts';
import { createHealthApp } from '../health/app.ts';
import { waitFor } from '../../shared/testing/wait-for.ts';

// Issue 12 part 3. No wall-clock budgets (a loaded machine misses them): a wait is shown to end
// at the first-token deadline by staying far below the whole-turn bound (20 s) it would
// otherwise reach; later turns are shown quick by never reaching the provider; lower bounds
// (the deadline and the cooldown were waited out) hold however slow the machine is.
// The latencies themselves are measured by `npm run bench:chat`.
const FIRST_TOKEN_MS = 400;
const TURN_BOUND_MS = 20_000;
const WELL_BELOW_TURN_BOUND_MS = TURN_BOUND_MS / 2;

/** A TCP server that accepts connections and never says a word. */
async function startSilentServer() {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => (requests += 1));
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    /** Connections that sent a request (the HTTP client may open spare ones that never do). */
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const env = (baseUrl: string, extra: Record<string, string> = {}) => ({
  OPENROUTER_API_KEY: 'k',
  OPENROUTER_BASE_URL: baseUrl,
  CHAT_FIRST_TOKEN_TIMEOUT_MS: String(FIRST_TOKEN_MS),
  CHAT_TURN_TIMEOUT_MS: String(TURN_BOUND_MS), // the whole-turn bound is not what saves the customer
  CHAT_BREAKER_FAILURES: '3',
  CHAT_BREAKER_COOLDOWN_MS: '600000',
  ...extra,
});

describe('a provider that hangs', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('accepts and never answers: one customer waits one first-token deadline, the breaker opens at once, later turns are quick', async () => {
    const silent = await startSilentServer();
    cleanup.push(silent.close);
    const { chat, chain } = createTestChatApp(env(silent.baseUrl));
    cleanup.push(chain.close);

    const started = Date.now();
    const first = await chat('hello');
    const firstWait = Date.now() - started;
    expect(first.body.provider).toBe('rules');
    expect(firstWait).toBeGreaterThanOrEqual(FIRST_TOKEN_MS - 20);
    expect(firstWait).toBeLessThan(WELL_BELOW_TURN_BOUND_MS);
    expect(chain.status()[0]).toMatchObject({ state: 'open' }); // one timeout, threshold 3: open at once
    expect(silent.requests()).toBe(1);

    for (const message of ['我要一杯中杯乌龙奶茶，少糖去冰', 'hello', '看看购物车']) {
      const later = await chat(message, first.body.sessionId);
      expect(later.body.provider).toBe('rules');
    }
    expect(silent.requests()).toBe(1); // no customer turn went near the dead provider
  });

  it('sends headers and a few words, then stalls: reset, the rules answer within the deadline', async () => {
    const mock = await startMockOpenAI();
    cleanup.push(mock.close);
    const { app, chain } = createTestChatApp(env(mock.baseUrl));
    cleanup.push(chain.close);
    const server = await listen(app.fetch, 0, '127.0.0.1');
    cleanup.push(server.stop);
    const socket = await connectChatSocket(`ws://127.0.0.1:${server.port}/chat/ws`);
    cleanup.push(socket.close);

    mock.push({ hangAfter: 'Sure, let me check' });
    const turn = await socket.turn('what do you have?');
    expect(turn.resets).toBe(1);
    expect(turn.done).toMatchObject({ provider: 'rules' });
    expect(turn.ms).toBeGreaterThanOrEqual(FIRST_TOKEN_MS - 20);
    expect(turn.ms).toBeLessThan(WELL_BELOW_TURN_BOUND_MS);
    expect(chain.status()[0]!.state).toBe('open');

    const later = await socket.turn('hello');
    expect(later.done!.provider).toBe('rules');
    expect(mock.requests).toHaveLength(1); // the later turn never waited on the provider
  });

  it('recovers: a background probe picks it up within one cooldown and the next customer gets the LLM', async () => {
    const cooldownMs = 500;
    const mock = await startMockOpenAI();
    cleanup.push(mock.close);
    const { chat, chain } = createTestChatApp(env(mock.baseUrl, { CHAT_BREAKER_COOLDOWN_MS: String(cooldownMs) }));
    cleanup.push(chain.close);

    // A hang for the first customer; the first probe finds it still down; then it is back.
    mock.push({ hang: true }, { status: 503 }, { content: 'pong' });
    const first = await chat('hello');
    const openedAt = Date.now();
    expect(first.body.provider).toBe('rules');
    expect((await chat('hello', first.body.sessionId)).body.provider).toBe('rules');

    await waitFor(() => mock.requests.length === 2, { timeoutMs: 20_000 }); // the probe, in the background
    expect(mock.requests[1]!.body).toMatchObject({ max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] });
    await waitFor(() => chain.status()[0]!.state === 'closed', { timeoutMs: 20_000 });
    expect(mock.requests).toHaveLength(3); // the good probe closed it
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(2 * cooldownMs - 100); // probes wait out the cooldown (timers may fire a few ms early under load)

    mock.push({ content: 'Welcome back! What would you like?' });
    const next = await chat('hello', first.body.sessionId);
    expect(next.body).toMatchObject({ provider: 'openrouter', reply: 'Welcome back! What would you like?' });
    expect(mock.requests).toHaveLength(4); // hang, failed probe, good probe, the customer: no customer probed
  });

  it('vLLM that hung: the gate re-checks its health, then a background probe closes the breaker; no customer waits on it', async () => {
    const vllm = await startMockOpenAI();
    cleanup.push(vllm.close);
    const { chat, chain } = createTestChatApp({
      VLLM_BASE_URL: vllm.baseUrl,
      VLLM_WAKE_POLL_MS: '50',
      CHAT_FIRST_TOKEN_TIMEOUT_MS: String(FIRST_TOKEN_MS),
      CHAT_BREAKER_COOLDOWN_MS: '300',
    });
    cleanup.push(chain.close);
    const customerCalls = () => vllm.requests.filter((request) => request.body.tools).length;
    const { body } = await chat('hello'); // wakes the GPU in the background
    await waitFor(() => chain.status()[0]!.warmup === 'ready', { timeoutMs: 20_000 });

    vllm.push({ hang: true }, { content: 'pong' });
    const started = Date.now();
    expect((await chat('hello', body.sessionId)).body.provider).toBe('rules');
    expect(Date.now() - started).toBeLessThan(WELL_BELOW_TURN_BOUND_MS); // the first-token deadline, not a turn bound
    expect(chain.status()[0]).toMatchObject({ state: 'open', warmup: 'cold' });
    expect((await chat('hello', body.sessionId)).body.provider).toBe('rules');
    expect(customerCalls()).toBe(1);

    await waitFor(() => chain.status()[0]!.state === 'closed', { timeoutMs: 20_000 });
    expect(chain.status()[0]!.warmup).toBe('ready');
    expect(vllm.requests.at(-1)!.body).toMatchObject({ max_tokens: 1 });
    vllm.push({ content: '您好！' });
    expect((await chat('你好', body.sessionId)).body.provider).toBe('vllm');
    expect(customerCalls()).toBe(2);
  });

  it('/health shows each provider state and when it was last good', async () => {
    const mock = await startMockOpenAI();
    cleanup.push(mock.close);
    const { chat, chain, app } = createTestChatApp(env(mock.baseUrl));
    cleanup.push(chain.close);
    const chatCheck = async () => (await (await app.request('/healthz/chat')).json()) as any;
    const health = createHealthApp({ log: silentLogger, urls: {}, checks: { chat: chatCheck } });
    const readHealth = async () => (await (await health.request('/health')).json()) as any;

    mock.push({ content: 'Hi!' });
    await chat('hello');
    const good = await readHealth();
    expect(good.status).toBe('ok');
    const [openrouter, rules] = good.checks.chat.providers;
    expect(openrouter).toMatchObject({ name: 'openrouter', state: 'closed' });
    expect(Date.parse(openrouter.lastGoodAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(rules).toMatchObject({ name: 'rules', state: 'closed' });

    mock.push({ hang: true });
    await chat('hello');
    const bad = await readHealth();
    expect(bad.status).toBe('degraded');
    expect(bad.checks.chat.providers[0]).toMatchObject({ state: 'open', lastGoodAt: openrouter.lastGoodAt });
    expect(bad.checks.chat.providers[0].openedAt).not.toBeNull();
  });
});
