import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOpenAI } from '../../testing/mock-openai-chat.ts';
import { openAiTools } from '../tools/openai-tools.ts';
import { IncompleteReplyError, runLlmTurn, type ToolOutcome } from './run-llm-turn.ts';
import { FirstTokenTimeoutError } from './stall-watchdog.ts';

// The real openai SDK against the loopback mock: what a broken stream looks like to the SDK,
// and that runLlmTurn never takes one for a reply.

describe('runLlmTurn with broken provider answers (real SDK, loopback mock)', () => {
  let mock: Awaited<ReturnType<typeof startMockOpenAI>>;
  let client: OpenAI;
  beforeAll(async () => {
    mock = await startMockOpenAI();
    client = new OpenAI({ baseURL: mock.baseUrl, apiKey: 'k', maxRetries: 0 });
  });
  afterAll(async () => mock.close());

  const toolRuns: string[] = [];
  const run = (stream: boolean, extra: { firstTokenMs?: number; onDelta?: (text: string) => void } = {}) =>
    runLlmTurn({
      client,
      model: 'm',
      messages: [{ role: 'user', content: 'two large pearl milk teas' }],
      tools: openAiTools(),
      runTool: async (name): Promise<ToolOutcome> => {
        toolRuns.push(name);
        return { ok: true };
      },
      signal: new AbortController().signal,
      stream,
      ...extra,
    });

  it('a whole stream is a reply, streamed as deltas', async () => {
    mock.push({ content: 'Sure, two large pearl milk teas.' });
    const deltas: string[] = [];
    const result = await run(true, { onDelta: (text) => deltas.push(text) });
    expect(result.reply).toBe('Sure, two large pearl milk teas.');
    expect(deltas.join('')).toBe(result.reply);
  });

  it.each([true, false])('stream %s: the tokens the provider reported for every step of the turn are summed', async (stream) => {
    const before = mock.usageReported();
    mock.push({ toolCalls: [{ name: 'show_cart', arguments: {} }] }, { content: 'Your cart is empty.' });
    const result = await run(stream);
    const after = mock.usageReported();
    expect(after.prompt - before.prompt).toBeGreaterThan(0);
    expect(result.usage).toEqual({ promptTokens: after.prompt - before.prompt, completionTokens: after.completion - before.completion });
  });

  it('a provider that reports no usage gives null, not zero', async () => {
    const quiet = await startMockOpenAI({ usage: false });
    quiet.push({ content: 'Hello.' });
    const result = await runLlmTurn({
      client: new OpenAI({ baseURL: quiet.baseUrl, apiKey: 'k', maxRetries: 0 }),
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      tools: openAiTools(),
      runTool: async () => ({ ok: true }),
      signal: new AbortController().signal,
      stream: true,
    });
    expect(result.usage).toBeNull();
    await quiet.close();
  });

  it('a stream cut without finish_reason or [DONE] is an incomplete reply, not a reply', async () => {
    mock.push({ cutAfter: 'Sure, I will add two large pearl' });
    const deltas: string[] = [];
    const error = await run(true, { onDelta: (text) => deltas.push(text) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteReplyError);
    expect(error).toMatchObject({ reason: 'cut', retryable: true });
    expect(deltas.join('')).toBe('Sure, I will add two large pearl'); // what the chain must reset
  });

  it('an HTTP-200 stream carrying an {"error": …} chunk fails the attempt', async () => {
    mock.push({ errorChunk: { code: 502, message: 'upstream model crashed' }, after: 'Sure, I' });
    await expect(run(true)).rejects.toMatchObject({ name: 'IncompleteReplyError', reason: 'error_chunk', retryable: true });
    mock.push({ errorChunk: { code: 400, message: 'context too long' } });
    await expect(run(true)).rejects.toMatchObject({ reason: 'error_chunk', retryable: false });
    mock.push({ errorChunk: { code: 502, message: 'upstream model crashed' } });
    await expect(run(false)).rejects.toMatchObject({ reason: 'error_chunk' });
  });

  it('finish_reason "length" inside tool arguments runs no tool and fails the attempt', async () => {
    toolRuns.length = 0;
    mock.push({ lengthInToolCall: { name: 'add_item', arguments: { itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', quantity: 2 } } });
    await expect(run(true)).rejects.toMatchObject({ reason: 'length' });
    mock.push({ lengthInToolCall: { name: 'add_item', arguments: { itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', quantity: 2 } } });
    await expect(run(false)).rejects.toMatchObject({ reason: 'length' });
    expect(toolRuns).toEqual([]);
  });

  it('no first token within the deadline, or a stall after the headers, is a first-token timeout', async () => {
    mock.push({ hang: true });
    await expect(run(true, { firstTokenMs: 100 })).rejects.toBeInstanceOf(FirstTokenTimeoutError);
    mock.push({ stallAfterHeaders: true });
    await expect(run(true, { firstTokenMs: 100 })).rejects.toBeInstanceOf(FirstTokenTimeoutError);
    mock.push({ hangAfter: 'Let me see' });
    await expect(run(true, { firstTokenMs: 100 })).rejects.toBeInstanceOf(FirstTokenTimeoutError);
  });

  it('the mock answers 400 for a tool message that answers no earlier tool_calls id, as OpenAI does', async () => {
    const error = await client.chat.completions
      .create({
        model: 'm',
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'tool', tool_call_id: 'call_x', content: '{}' },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toMatch(/role 'tool' must be a response/);
    mock.push({ content: 'ok' });
    const fine = await client.chat.completions.create({
      model: 'm',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_x', type: 'function', function: { name: 'show_cart', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_x', content: '{}' },
      ],
    });
    expect(fine.choices[0]!.message.content).toBe('ok');
  });

  it('what the SDK itself makes of a cut stream: it ends quietly (hence our own check)', async () => {
    mock.push({ cutAfter: 'Sure, I will' });
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const finishes: (string | null)[] = [];
    for await (const chunk of stream) finishes.push(chunk.choices[0]?.finish_reason ?? null);
    expect(finishes.every((finish) => finish === null)).toBe(true);
  });
});
