import { readChatConfig } from '../../functions/chat/config.ts';
import { buildAgentChain } from '../../functions/chat/providers.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { createTestChatApp } from '../../shared/testing/chat-fixture.ts';
import type { EvalFlags } from './flags.ts';

export type EvalChain = ReturnType<typeof buildAgentChain>;

/** The chat function's own chain, configured as production would be with this model in one link, the offline agent after it. */
export function buildEvalChain(flags: EvalFlags, log: Logger): EvalChain {
  const deadlines = { CHAT_FIRST_TOKEN_TIMEOUT_MS: String(flags.firstTokenMs), CHAT_TURN_TIMEOUT_MS: String(flags.turnTimeoutMs) };
  const model = flags.model;
  if (!model) return buildAgentChain(readChatConfig(deadlines), log);
  const link =
    model.link === 'vllm'
      ? { VLLM_BASE_URL: model.baseUrl, VLLM_MODEL: model.model, VLLM_WAKE_POLL_MS: '200', ...(model.apiKey ? { VLLM_API_KEY: model.apiKey } : {}) }
      : // The OpenRouter link needs some key to be configured; a server that wants none ignores it.
        { OPENROUTER_BASE_URL: model.baseUrl, OPENROUTER_MODEL: model.model, OPENROUTER_API_KEY: model.apiKey ?? 'no-key' };
  return buildAgentChain(readChatConfig({ ...deadlines, ...link }), log);
}

/**
 * The vLLM link lets turns through only once its warm-up gate saw /health answer (a cold GPU is
 * never waited on by a customer). One throwaway turn wakes it; then wait until it is ready, so
 * the measured conversations do not start on the offline agent.
 */
export async function warmUp(chain: EvalChain, flags: EvalFlags, maxWaitMs = 15 * 60_000): Promise<void> {
  if (flags.model?.link !== 'vllm') return;
  const chat = createTestChatApp({}, { chain });
  try {
    await chat.chat('hi');
  } finally {
    chat.service.close();
    chat.opened.sqlite.close();
  }
  const deadline = Date.now() + maxWaitMs;
  while (chain.status().find((status) => status.name === 'vllm')?.warmup !== 'ready') {
    if (Date.now() > deadline) throw new Error(`the model at ${flags.model.baseUrl} did not answer its /health within ${maxWaitMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
