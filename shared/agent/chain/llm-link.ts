import OpenAI from 'openai';
import type { Logger } from '../../http/logger.ts';
import { withDeadline } from '../../deadline.ts';
import { catalogFromMenu } from '../../menu/menu-response.ts';
import { openAiToolsFor } from '../tools/openai-tools.ts';
import { replayHistory } from '../llm/replay-history.ts';
import { IncompleteReplyError, runLlmTurn } from '../llm/run-llm-turn.ts';
import { FirstTokenTimeoutError } from '../llm/stall-watchdog.ts';
import { buildSystemPrompt, describeTurnState } from '../llm/system-prompt.ts';
import { trackDeltas } from './delta-tracker.ts';
import { LinkSkipped, type AgentLink, type MakeTools, type ProviderName, type TurnInput } from './agent-link.ts';
import { createCircuitBreaker } from './circuit-breaker.ts';
import type { WarmupGate } from './warmup-gate.ts';

export type LlmLinkOptions = {
  name: Exclude<ProviderName, 'rules'>;
  baseUrl: string;
  apiKey: string;
  model: string;
  temperature?: number;
  headers?: Record<string, string>;
  /** Bound on the whole turn with this provider, every step and the retry included. */
  turnTimeoutMs: number;
  /** No first token by then (or a stall that long mid-stream): the next link answers. */
  firstTokenTimeoutMs: number;
  breaker: { failureThreshold: number; cooldownMs: number; now?: () => number };
  /** vLLM only: calls go through once the GPU answers its health check. */
  gate?: WarmupGate;
  oneCallPerMessage?: boolean;
  stream?: boolean;
  /** Fixed tools (tests); by default each turn's tools carry the live menu's ids as enums. */
  tools?: OpenAI.Chat.Completions.ChatCompletionTool[];
  log: Logger;
  fetch?: typeof fetch;
};

/** An OpenAI-compatible provider (OpenRouter, vLLM) as one link of the chain. */
export function createLlmLink(options: LlmLinkOptions): AgentLink {
  const client = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey,
    // The SDK's own retries would sleep through a 429's Retry-After while the customer waits;
    // this link retries once itself, and only what is worth retrying.
    maxRetries: 0,
    timeout: options.turnTimeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  /** One try on a fresh copy of the state: system prompt, replayed history, the message. */
  async function attemptTurn(input: TurnInput, makeTools: MakeTools, signal: AbortSignal, onDelta?: (text: string) => void) {
    const tools = makeTools();
    const catalog = catalogFromMenu(input.menu);
    const messages = [
      {
        role: 'system' as const,
        content: `${buildSystemPrompt(catalog, input.lang)}\n\n${describeTurnState(tools.state, catalog)}`,
      },
      ...replayHistory(input.history, { oneCallPerMessage: options.oneCallPerMessage ?? false }),
      { role: 'user' as const, content: input.text },
    ];
    const result = await runLlmTurn({
      client,
      model: options.model,
      messages,
      tools: options.tools ?? openAiToolsFor(catalog),
      runTool: tools.runTool,
      signal,
      // Streamed even for POST /chat: only a stream shows a first token, so only a stream can
      // be given a first-token deadline.
      stream: options.stream ?? true,
      firstTokenMs: options.firstTokenTimeoutMs,
      ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
      ...(onDelta ? { onDelta } : {}),
    });
    return { ...result, tools };
  }

  const breaker = createCircuitBreaker({
    ...options.breaker,
    probe: () => probe(),
    onProbe: (outcome, error) =>
      outcome === 'recovered'
        ? options.log.info('provider recovered', { provider: options.name })
        : options.log.warn('provider still down', { provider: options.name, err: describe(error) }),
  });

  /**
   * The background recovery check: one tiny completion that must answer within the first-token
   * deadline. A cold vLLM is woken by its gate (health polling) first; the completion probe
   * follows at a later cooldown, once the GPU answers its health check.
   */
  async function probe() {
    if (options.gate && !options.gate.isReady()) {
      options.gate.wake();
      throw new Error(`${options.name} is still starting`);
    }
    await client.chat.completions.create(
      { model: options.model, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1 },
      { signal: AbortSignal.timeout(options.firstTokenTimeoutMs), ...(options.headers ? { headers: options.headers } : {}) },
    );
    options.gate?.markUp();
  }

  return {
    name: options.name,
    status: () => ({ name: options.name, ...breaker.snapshot(), ...(options.gate ? { warmup: options.gate.state() } : {}) }),
    close: () => breaker.dispose(),

    async respond(input: TurnInput, makeTools: MakeTools) {
      if (breaker.isOpen()) throw new LinkSkipped(`${options.name} circuit is open`);
      if (options.gate && !options.gate.isReady()) {
        options.gate.wake();
        throw new LinkSkipped(`${options.name} is still starting`);
      }
      const deadline = withDeadline(options.turnTimeoutMs, input.signal);
      const deltas = trackDeltas(input.onDelta);
      try {
        for (let attempt = 1; ; attempt += 1) {
          try {
            const result = await attemptTurn(input, makeTools, deadline.signal, deltas.onDelta);
            // What the turn cost, when the provider says (the owner's bill; npm run eval:agent sums it).
            if (result.usage) options.log.info('model usage', { provider: options.name, model: options.model, ...result.usage });
            breaker.succeed();
            options.gate?.markUp();
            return result;
          } catch (error) {
            // The customer went away (closed the tab): says nothing about the provider.
            if (input.signal.aborted) throw error;
            const timedOut = error instanceof FirstTokenTimeoutError || deadline.signal.aborted;
            // Text already spoken can't be taken back by a retry; the chain resets it and moves on.
            const retry = attempt === 1 && !deltas.sent() && !timedOut && isTransient(error);
            options.log.warn('provider failed', { provider: options.name, attempt, retry, timedOut, err: describe(error) });
            if (retry) continue;
            if (timedOut) breaker.trip();
            else breaker.fail();
            options.gate?.markDown();
            throw error;
          }
        }
      } finally {
        deadline.dispose();
      }
    },
  };
}

/** Connection drops, cut streams and 5xx may pass on a second try; 402, 429, 4xx, timeouts and bad output will not. */
function isTransient(error: unknown): boolean {
  if (error instanceof IncompleteReplyError) return error.retryable;
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof OpenAI.APIUserAbortError) return false;
  if (error instanceof OpenAI.APIConnectionError) return true;
  return error instanceof OpenAI.APIError && typeof error.status === 'number' && error.status >= 500;
}

function describe(error: unknown) {
  if (error instanceof OpenAI.APIError) return { name: error.name, status: error.status, message: error.message.slice(0, 200) };
  if (error instanceof Error) return { name: error.name, message: error.message.slice(0, 200) };
  return { message: String(error) };
}
