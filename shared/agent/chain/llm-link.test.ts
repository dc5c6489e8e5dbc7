import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../testing/test-catalog.ts';
import { createLogger } from '../../http/logger.ts';
import { turnInput } from '../../testing/turn-input.ts';
import type { HistoryMessage } from '../../sessions/session-types.ts';
import { mockProvidersPerTest } from '../../testing/mock-providers.ts';
import { waitFor } from '../../testing/wait-for.ts';
import { openAiTools } from '../tools/openai-tools.ts';
import { createToolRunner } from '../tools/tool-runner.ts';
import type { TurnState } from '../turn-state.ts';
import { LinkSkipped, type AgentLink, type TurnTools } from './agent-link.ts';
import { createLlmLink, type LlmLinkOptions } from './llm-link.ts';
import { createWarmupGate } from './warmup-gate.ts';

function logCapture() {
  const lines: Record<string, any>[] = [];
  return { log: createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) }), lines };
}

function makeTools(runTool?: TurnTools['runTool']): TurnTools {
  const state: TurnState = { state: 'empty', lang: 'en', cart: [], draft: null, pending: null, lastOrderId: null, placeOrder: false, readBack: null };
  const runner = createToolRunner({ state, catalog: defaultCatalog(), lookupOrder: async () => ({ orderId: 'none', found: false }) });
  return { state, runTool: runTool ?? runner.runRaw, run: runner.run };
}

async function failure(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => expect.fail('the link answered'),
    (error: unknown) => error,
  );
}

describe('LLM link', () => {
  const mocks = mockProvidersPerTest('provider');
  const links: AgentLink[] = [];
  afterEach(() => links.splice(0).forEach((link) => link.close?.()));

  function link(over: Partial<LlmLinkOptions> = {}) {
    const capture = logCapture();
    const created = createLlmLink({
      name: 'openrouter',
      baseUrl: mocks.provider.baseUrl,
      apiKey: 'key',
      model: 'test-model',
      turnTimeoutMs: 10_000,
      firstTokenTimeoutMs: 5_000,
      breaker: { failureThreshold: 1, cooldownMs: 60_000 },
      tools: openAiTools(),
      log: capture.log,
      ...over,
    });
    links.push(created);
    return { link: created, lines: capture.lines };
  }
  const failures = (lines: Record<string, any>[]) => lines.filter((line) => line.msg === 'provider failed');

  it('a 5xx is retried once; the second failure opens the breaker and later turns skip the provider', async () => {
    const { link: openrouter, lines } = link();
    mocks.provider.push({ status: 500 }, { status: 500 });
    const error = await failure(openrouter.respond(turnInput(), makeTools));
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(mocks.provider.requests).toHaveLength(2);
    expect(
      failures(lines).map(({ level, provider, attempt, retry, timedOut, err }) => ({ level, provider, attempt, retry, timedOut, status: err.status })),
    ).toEqual([
      { level: 'warn', provider: 'openrouter', attempt: 1, retry: true, timedOut: false, status: 500 },
      { level: 'warn', provider: 'openrouter', attempt: 2, retry: false, timedOut: false, status: 500 },
    ]);
    expect(openrouter.status!()).toMatchObject({ name: 'openrouter', state: 'open', failures: 1 });
    const skipped = await failure(openrouter.respond(turnInput(), makeTools));
    expect(skipped).toBeInstanceOf(LinkSkipped);
    expect(skipped.message).toBe('openrouter circuit is open');
    expect(mocks.provider.requests).toHaveLength(2);
  });

  it('a 4xx is not retried; the log keeps the status and at most 200 characters of the message', async () => {
    const { link: openrouter, lines } = link();
    mocks.provider.push({ status: 400, body: { error: { message: `bad request ${'x'.repeat(300)}` } } });
    const error = await failure(openrouter.respond(turnInput(), makeTools));
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(400);
    expect(mocks.provider.requests).toHaveLength(1);
    const [logged] = failures(lines);
    expect(logged).toMatchObject({ retry: false, err: { name: error.name, status: 400 } });
    expect(logged!.err.message).toBe(error.message.slice(0, 200));
    expect(error.message.length).toBeGreaterThan(200);
  });

  it('a dropped connection is retried; a connection timeout is not (the turn has no time for another)', async () => {
    let calls = 0;
    const dropping = link({
      breaker: { failureThreshold: 5, cooldownMs: 60_000 },
      fetch: async () => {
        calls += 1;
        throw new Error('socket hang up');
      },
    });
    expect(await failure(dropping.link.respond(turnInput(), makeTools))).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(calls).toBe(2);

    calls = 0;
    const timingOut = link({
      breaker: { failureThreshold: 5, cooldownMs: 60_000 },
      fetch: async () => {
        calls += 1;
        throw new Error('request timed out');
      },
    });
    expect(await failure(timingOut.link.respond(turnInput(), makeTools))).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(calls).toBe(1);
    expect(timingOut.link.status!()).toMatchObject({ state: 'closed', failures: 1 });
  });

  it('a failing tool ends the attempt; the log has the error name and 200 characters of it', async () => {
    const { link: openrouter, lines } = link({ breaker: { failureThreshold: 5, cooldownMs: 60_000 } });
    mocks.provider.push({ toolCalls: [{ name: 'show_menu', arguments: {} }] });
    const thrown = new RangeError('z'.repeat(300));
    const error = await failure(
      openrouter.respond(turnInput(), () =>
        makeTools(async () => {
          throw thrown;
        }),
      ),
    );
    expect(error).toBe(thrown);
    expect(failures(lines)[0]).toMatchObject({ retry: false, err: { name: 'RangeError', message: 'z'.repeat(200) } });

    mocks.provider.push({ toolCalls: [{ name: 'show_menu', arguments: {} }] });
    await failure(
      openrouter.respond(turnInput(), () =>
        makeTools(async () => {
          throw 'not an Error';
        }),
      ),
    );
    expect(failures(lines)[1]!.err).toEqual({ message: 'not an Error' });
  });

  it('sends temperature and headers when given, and splits parallel tool calls for a one-call-per-message host', async () => {
    const history: HistoryMessage[] = [
      { role: 'user', content: 'two teas' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [
          { id: 'c1', name: 'show_menu', arguments: '{}' },
          { id: 'c2', name: 'show_cart', arguments: '{}' },
        ],
      },
      { role: 'tool', content: '{"ok":true}', toolCallId: 'c1' },
      { role: 'tool', content: '{"ok":true}', toolCallId: 'c2' },
    ];
    const roles = (body: any) => body.messages.map((message: any) => `${message.role}${message.tool_calls ? `:${message.tool_calls.length}` : ''}`);

    mocks.provider.push({ content: 'hello' }, { content: 'hello' });
    const vllm = link({ name: 'vllm', temperature: 0.2, headers: { 'x-title': 'tea-shop' }, oneCallPerMessage: true });
    expect(await vllm.link.respond(turnInput({ history }), makeTools)).toMatchObject({ reply: 'hello' });
    const plain = link();
    await plain.link.respond(turnInput({ history }), makeTools);

    const [tuned, untuned] = mocks.provider.requests;
    expect(tuned!.body.temperature).toBe(0.2);
    expect(tuned!.headers['x-title']).toBe('tea-shop');
    expect(roles(tuned!.body)).toEqual(['system', 'user', 'assistant:1', 'tool', 'assistant:1', 'tool', 'user']);
    expect(untuned!.body).not.toHaveProperty('temperature');
    expect(roles(untuned!.body)).toEqual(['system', 'user', 'assistant:2', 'tool', 'tool', 'user']);
  });

  it('while open, a background probe (with the headers) logs "still down", then "recovered" and closes the breaker', async () => {
    const { link: openrouter, lines } = link({ headers: { 'x-title': 'tea-shop' }, breaker: { failureThreshold: 1, cooldownMs: 5 } });
    mocks.provider.push({ status: 400 }, { status: 503 }, { content: 'pong' });
    await failure(openrouter.respond(turnInput(), makeTools));
    await waitFor(() => lines.some((line) => line.msg === 'provider recovered'));
    const probes = lines.filter((line) => line.msg === 'provider still down' || line.msg === 'provider recovered');
    expect(probes.map(({ level, msg, provider, err }) => ({ level, msg, provider, status: err?.status }))).toEqual([
      { level: 'warn', msg: 'provider still down', provider: 'openrouter', status: 503 },
      { level: 'info', msg: 'provider recovered', provider: 'openrouter', status: undefined },
    ]);
    const probe = mocks.provider.requests[2]!;
    expect(probe.body).toMatchObject({ model: 'test-model', max_tokens: 1 });
    expect(probe.headers['x-title']).toBe('tea-shop');
    expect(openrouter.status!()).toMatchObject({ state: 'closed', failures: 0 });
  });

  it('a cold GPU is skipped and woken; after a failure the gate is down and the probe wakes it instead of calling', async () => {
    let healthChecks = 0;
    const gate = createWarmupGate({
      healthUrl: 'http://gpu.invalid/health',
      log: createLogger({ level: 'silent' }),
      pollMs: 5,
      maxWaitMs: 30,
      fetchFn: (async () => {
        healthChecks += 1;
        return new Response(null, { status: 503 });
      }) as unknown as typeof fetch,
    });
    const { link: vllm, lines } = link({ name: 'vllm', gate, breaker: { failureThreshold: 1, cooldownMs: 5 } });
    const skipped = await failure(vllm.respond(turnInput(), makeTools));
    expect(skipped).toBeInstanceOf(LinkSkipped);
    expect(skipped.message).toBe('vllm is still starting');
    expect(gate.state()).toBe('waking');
    expect(mocks.provider.requests).toHaveLength(0);
    await waitFor(() => gate.state() === 'cold');

    gate.markUp();
    mocks.provider.push({ status: 400 });
    await failure(vllm.respond(turnInput(), makeTools));
    expect(vllm.status!()).toMatchObject({ state: 'open', warmup: 'cold' });
    const before = healthChecks;
    await waitFor(() => lines.some((line) => line.msg === 'provider still down'));
    expect(lines.find((line) => line.msg === 'provider still down')).toMatchObject({
      provider: 'vllm',
      err: { name: 'Error', message: 'vllm is still starting' },
    });
    expect(healthChecks).toBeGreaterThan(before);
    expect(mocks.provider.requests).toHaveLength(1);
  });
});
