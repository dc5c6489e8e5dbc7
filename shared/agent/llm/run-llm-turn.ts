import OpenAI from 'openai';
import type { HistoryMessage } from '../../sessions/session-types.ts';
import { stallWatchdog } from './stall-watchdog.ts';
import { mightBeToolCallText, parseToolCallsFromText } from './tool-calls-in-text.ts';
import { fieldOf } from '../../field-of.ts';

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;
type Tool = OpenAI.Chat.Completions.ChatCompletionTool;

export type ToolOutcome = { ok: boolean } & Record<string, unknown>;
export type RunTool = (name: string, args: unknown) => Promise<ToolOutcome>;

export type LlmTurnInput = {
  client: OpenAI;
  model: string;
  temperature?: number;
  headers?: Record<string, string>;
  messages: Message[];
  tools: Tool[];
  runTool: RunTool;
  signal: AbortSignal;
  maxSteps?: number;
  stream?: boolean;
  /**
   * Streaming only: the first chunk of each model call must arrive within this, and so must
   * every next one (a stream that stalls midway is as dead as one that never starts).
   */
  firstTokenMs?: number;
  onDelta?: (text: string) => void;
};

/** Tokens the provider reported for the turn's calls (null when it reported none). */
export type TokenUsage = { promptTokens: number; completionTokens: number };
export type LlmTurnResult = { reply: string; history: HistoryMessage[]; usage: TokenUsage | null };

/** The model broke the protocol (no reply, unknown shape): the chain moves to the next link. */
class MalformedOutputError extends Error {
  override name = 'MalformedOutputError';
}

/**
 * The provider's answer did not arrive whole: the stream ended without a finish reason (cut),
 * carried an `{"error": …}` chunk (OpenRouter sends those with HTTP 200), or stopped at the
 * length limit. Never a reply: the attempt failed. `retryable` when a second try may pass.
 */
export class IncompleteReplyError extends Error {
  override name = 'IncompleteReplyError';
  constructor(
    readonly reason: 'cut' | 'error_chunk' | 'length',
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

type StepCall = { id: string; name: string; arguments: string };
type Step = { content: string; calls: StepCall[]; usage?: OpenAI.CompletionUsage | null | undefined };

/**
 * One customer turn against an OpenAI-compatible model: ask, run the tool calls it makes,
 * feed the results back, until it answers in words (or `maxSteps` runs out).
 */
export async function runLlmTurn(input: LlmTurnInput): Promise<LlmTurnResult> {
  const { maxSteps = 4 } = input;
  const messages = [...input.messages];
  const history: HistoryMessage[] = [];
  const known = new Set(input.tools.map((tool) => (tool.type === 'function' ? tool.function.name : '')));
  let callCounter = 0;
  let usage: TokenUsage | null = null;

  for (let step = 0; step < maxSteps; step += 1) {
    const result = input.stream ? await streamStep(input, messages) : await plainStep(input, messages);
    usage = addUsage(usage, result.usage);
    let calls = result.calls;
    if (calls.length === 0) {
      const parsed = parseToolCallsFromText(result.content, known);
      if (parsed) calls = parsed.map((call) => ({ id: '', name: call.name, arguments: JSON.stringify(call.arguments ?? {}) }));
    }
    if (calls.length === 0) {
      const reply = result.content.trim();
      if (!reply) throw new MalformedOutputError('the model returned neither text nor tool calls');
      history.push({ role: 'assistant', content: reply });
      return { reply, history, usage };
    }
    const named = calls.map((call) => ({ ...call, id: call.id || `call_${Date.now().toString(36)}_${(callCounter += 1)}` }));
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: named.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
    });
    history.push({ role: 'assistant', content: '', toolCalls: named.map((call) => ({ ...call, arguments: jsonObjectText(call.arguments) })) });
    for (const call of named) {
      const outcome = await input.runTool(call.name, parseArguments(call.arguments));
      const content = JSON.stringify(outcome);
      messages.push({ role: 'tool', tool_call_id: call.id, content });
      history.push({ role: 'tool', content: content.slice(0, 4000), toolCallId: call.id });
    }
  }
  throw new MalformedOutputError(`no reply after ${maxSteps} tool steps`);
}

function request(input: LlmTurnInput, messages: Message[]) {
  return {
    model: input.model,
    messages,
    tools: input.tools,
    tool_choice: 'auto' as const,
    ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
  };
}

async function plainStep(input: LlmTurnInput, messages: Message[]): Promise<Step> {
  const completion = await input.client.chat.completions.create(request(input, messages), {
    signal: input.signal,
    ...(input.headers ? { headers: input.headers } : {}),
  });
  const choice = completion.choices?.[0];
  // OpenRouter reports a provider's failure inside a 200: an `error` field, finish_reason "error".
  const error = fieldOf(completion, 'error');
  if (error || fieldOf(choice, 'finish_reason') === 'error') throw errorChunk(error);
  const message = choice?.message;
  if (!message) throw new MalformedOutputError('the completion has no message');
  if (choice.finish_reason === 'length') throw new IncompleteReplyError('length', 'the reply stopped at the length limit', false);
  const calls = (message.tool_calls ?? [])
    .filter((call) => call.type === 'function')
    .map((call) => ({ id: call.id ?? '', name: call.function.name, arguments: call.function.arguments ?? '{}' }));
  return { content: message.content ?? '', calls, usage: completion.usage };
}

/**
 * Streams one step. Text is forwarded to onDelta as it arrives, except while it could still
 * be a tool call written as JSON text: that prefix is held back and never spoken. Only a
 * stream that ends with a finish reason is an answer.
 */
async function streamStep(input: LlmTurnInput, messages: Message[]): Promise<Step> {
  const watchdog = stallWatchdog(input.signal, input.firstTokenMs);
  try {
    const stream = await input.client.chat.completions.create(
      // OpenAI and vLLM send the token counts in a last chunk only when asked; OpenRouter always does.
      { ...request(input, messages), stream: true, stream_options: { include_usage: true } },
      { signal: watchdog.signal, ...(input.headers ? { headers: input.headers } : {}) },
    );
    let content = '';
    let forwarded = 0;
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    const calls: StepCall[] = [];
    for await (const chunk of stream) {
      watchdog.alive();
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (fieldOf(chunk, 'error') || fieldOf(choice, 'finish_reason') === 'error') throw errorChunk(fieldOf(chunk, 'error'));
      if (choice?.finish_reason) finish = choice.finish_reason;
      const delta = choice?.delta;
      if (!delta) continue;
      for (const part of delta.tool_calls ?? []) {
        const call = (calls[part.index] ??= { id: '', name: '', arguments: '' });
        if (part.id) call.id = part.id;
        if (part.function?.name) call.name += part.function.name;
        if (part.function?.arguments) call.arguments += part.function.arguments;
      }
      if (delta.content) {
        content += delta.content;
        if (calls.length === 0 && input.onDelta && !mightBeToolCallText(content)) {
          input.onDelta(content.slice(forwarded));
          forwarded = content.length;
        }
      }
    }
    // The SDK ends an aborted stream quietly: a cut-off reply must not pass for a whole one.
    watchdog.throwIfFired();
    if (input.signal.aborted) throw input.signal.reason ?? new Error('the turn was aborted');
    if (finish === null) throw new IncompleteReplyError('cut', `the stream ended without a finish reason after ${content.length} characters`, true);
    if (finish === 'length') throw new IncompleteReplyError('length', 'the reply stopped at the length limit', false);
    return { content, calls: calls.filter(Boolean), usage };
  } catch (error) {
    watchdog.throwIfFired();
    // The SDK throws a status-less APIError for an `{"error": …}` data event.
    if (error instanceof OpenAI.APIError && error.status === undefined && error.error) throw errorChunk(error.error);
    throw error;
  } finally {
    watchdog.dispose();
  }
}

/** An `{"error": …}` in a 200 answer; a 5xx-like or unknown code may pass on a second try. */
function errorChunk(error: unknown): IncompleteReplyError {
  const code = fieldOf(error, 'code');
  const message = fieldOf(error, 'message');
  const status = typeof code === 'number' ? code : Number.parseInt(String(code), 10);
  const retryable = !(status >= 400 && status < 500);
  return new IncompleteReplyError('error_chunk', `error chunk in the stream: ${String(message ?? code ?? 'unknown').slice(0, 200)}`, retryable);
}

function addUsage(total: TokenUsage | null, step: OpenAI.CompletionUsage | null | undefined): TokenUsage | null {
  if (!step) return total;
  return {
    promptTokens: (total?.promptTokens ?? 0) + (step.prompt_tokens ?? 0),
    completionTokens: (total?.completionTokens ?? 0) + (step.completion_tokens ?? 0),
  };
}

function parseArguments(text: string): unknown {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    return text; // the tool runner answers with a message the model can act on
  }
}

function jsonObjectText(text: string): string {
  const parsed = parseArguments(text);
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? JSON.stringify(parsed) : '{}';
}
