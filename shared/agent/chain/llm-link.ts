import OpenAI from 'openai';
import type { Logger } from '../../http/logger.ts';
import { withDeadline } from '../../deadline.ts';
import { replayHistory } from '../llm/replay-history.ts';
import { runLlmTurn } from '../llm/run-llm-turn.ts';
import { buildSystemPrompt, describeTurnState } from '../llm/system-prompt.ts';
import { trackDeltas } from './delta-tracker.ts';
import { LinkSkipped, type AgentLink, type MakeTools, type ProviderName, type TurnInput } from './agent-link.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
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
  breaker: CircuitBreaker;
  /** vLLM only: calls go through once the GPU answers its health check. */
  gate?: WarmupGate;
  oneCallPerMessage?: boolean;
  stream?: boolean;
  tools: OpenAI.Chat.Completions.ChatCompletionTool[];
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
    const messages = [
      { role: 'system' as const, content: `${buildSystemPrompt(input.menu, input.lang)}\n\n${describeTurnState(tools.state)}` },
      ...replayHistory(input.history, { oneCallPerMessage: options.oneCallPerMessage ?? false }),
      { role: 'user' as const, content: input.text },
    ];
    const result = await runLlmTurn({
      client,
      model: options.model,
      messages,
      tools: options.tools,
      runTool: tools.runTool,
      signal,
      stream: options.stream ?? Boolean(onDelta),
      ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
      ...(onDelta ? { onDelta } : {}),
    });
    return { ...result, tools };
  }

  return {
    name: options.name,
    ready: () => options.breaker.state() !== 'open' && (options.gate?.isReady() ?? true),

    async respond(input: TurnInput, makeTools: MakeTools) {
      if (options.gate && !options.gate.isReady()) {
        options.gate.wake();
        throw new LinkSkipped(`${options.name} is still starting`);
      }
      if (!options.breaker.tryAcquire()) throw new LinkSkipped(`${options.name} circuit is open`);
      const deadline = withDeadline(options.turnTimeoutMs, input.signal);
      const deltas = trackDeltas(input.onDelta);
      try {
        for (let attempt = 1; ; attempt += 1) {
          try {
            const result = await attemptTurn(input, makeTools, deadline.signal, deltas.onDelta);
            options.breaker.succeed();
            options.gate?.markUp();
            return result;
          } catch (error) {
            const retry = attempt === 1 && !deltas.sent() && !deadline.signal.aborted && isTransient(error);
            options.log.warn('provider failed', { provider: options.name, attempt, retry, err: describe(error) });
            if (retry) continue;
            options.breaker.fail();
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

/** Connection drops and 5xx may pass on a second try; 402, 429, 4xx, timeouts and bad output will not. */
function isTransient(error: unknown): boolean {
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof OpenAI.APIUserAbortError) return false;
  if (error instanceof OpenAI.APIConnectionError) return true;
  return error instanceof OpenAI.APIError && typeof error.status === 'number' && error.status >= 500;
}

function describe(error: unknown) {
  if (error instanceof OpenAI.APIError) return { name: error.name, status: error.status, message: error.message.slice(0, 200) };
  if (error instanceof Error) return { name: error.name, message: error.message.slice(0, 200) };
  return { message: String(error) };
}
