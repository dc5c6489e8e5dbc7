import type { AgentLink } from '../../shared/agent/chain/agent-link.ts';
import { createAgentChain } from '../../shared/agent/chain/agent-chain.ts';
import { createLlmLink } from '../../shared/agent/chain/llm-link.ts';
import { createRulesLink } from '../../shared/agent/chain/rules-link.ts';
import { createWarmupGate, healthUrlFor } from '../../shared/agent/chain/warmup-gate.ts';
import type { Logger } from '../../shared/http/logger.ts';
import type { ChatConfig } from './config.ts';

/** OpenRouter → vLLM → rules, each LLM link only if configured. With no keys: just the rules. */
export function buildAgentChain(config: ChatConfig, log: Logger, fetchFn?: typeof fetch) {
  const breaker = { failureThreshold: config.CHAT_BREAKER_FAILURES, cooldownMs: config.CHAT_BREAKER_COOLDOWN_MS };
  const links: AgentLink[] = [];
  if (config.OPENROUTER_API_KEY) {
    const headers: Record<string, string> = {};
    if (config.OPENROUTER_SITE_URL) headers['HTTP-Referer'] = config.OPENROUTER_SITE_URL;
    if (config.OPENROUTER_SITE_NAME) headers['X-Title'] = config.OPENROUTER_SITE_NAME;
    links.push(
      createLlmLink({
        name: 'openrouter',
        baseUrl: config.OPENROUTER_BASE_URL,
        apiKey: config.OPENROUTER_API_KEY,
        model: config.OPENROUTER_MODEL,
        temperature: config.OPENAI_TEMPERATURE,
        headers,
        turnTimeoutMs: config.CHAT_TURN_TIMEOUT_MS,
        firstTokenTimeoutMs: config.CHAT_FIRST_TOKEN_TIMEOUT_MS,
        breaker,
        log,
        ...(fetchFn ? { fetch: fetchFn } : {}),
      }),
    );
  }
  if (config.VLLM_BASE_URL) {
    links.push(
      createLlmLink({
        name: 'vllm',
        baseUrl: config.VLLM_BASE_URL,
        apiKey: config.VLLM_API_KEY ?? 'not-needed',
        model: config.VLLM_MODEL,
        temperature: config.OPENAI_TEMPERATURE,
        turnTimeoutMs: config.CHAT_TURN_TIMEOUT_MS,
        firstTokenTimeoutMs: config.CHAT_FIRST_TOKEN_TIMEOUT_MS,
        breaker,
        gate: createWarmupGate({ healthUrl: healthUrlFor(config.VLLM_BASE_URL), log, pollMs: config.VLLM_WAKE_POLL_MS, ...(fetchFn ? { fetchFn } : {}) }),
        oneCallPerMessage: true,
        log,
        ...(fetchFn ? { fetch: fetchFn } : {}),
      }),
    );
  }
  links.push(createRulesLink(log));
  return createAgentChain(links, log);
}
