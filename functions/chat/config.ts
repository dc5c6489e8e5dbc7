import * as v from 'valibot';
import { InternalTokenSchema } from '../../shared/config/internal-token.ts';
import { requireInternalTokenOnModal } from '../../shared/config/on-modal.ts';
import { intFromString, numberFromString, optionalString, optionalUrl, parseEnv, type Env } from '../../shared/config/env.ts';

const ChatConfigSchema = v.object({
  ORDER_API_URL: optionalUrl(),
  INTERNAL_API_TOKEN: InternalTokenSchema,
  OPENROUTER_API_KEY: optionalString(),
  OPENROUTER_MODEL: v.optional(v.string(), 'meta-llama/llama-3.3-70b-instruct'),
  OPENROUTER_BASE_URL: v.optional(v.pipe(v.string(), v.url('must be a URL')), 'https://openrouter.ai/api/v1'),
  OPENROUTER_SITE_URL: optionalString(),
  OPENROUTER_SITE_NAME: optionalString(),
  OPENAI_TEMPERATURE: numberFromString(0.3, 0, 2),
  VLLM_BASE_URL: optionalUrl(),
  VLLM_MODEL: v.optional(v.string(), 'meta-llama/Llama-3.1-70B-Instruct'),
  VLLM_API_KEY: optionalString(),
  CHAT_TURN_TIMEOUT_MS: intFromString(12_000, 100, 120_000),
  CHAT_FIRST_TOKEN_TIMEOUT_MS: intFromString(4000, 50, 120_000),
  CHAT_BREAKER_FAILURES: intFromString(3, 1, 100),
  CHAT_BREAKER_COOLDOWN_MS: intFromString(30_000, 100, 3_600_000),
  VLLM_WAKE_POLL_MS: intFromString(5000, 50, 60_000),
  CHAT_RATE_LIMIT_PER_MINUTE: intFromString(30, 1, 100_000),
  CHAT_WS_IDLE_MS: intFromString(120_000, 100, 3_600_000),
});

export type ChatConfig = v.InferOutput<typeof ChatConfigSchema>;

export function readChatConfig(env: Env): ChatConfig {
  const config = parseEnv(ChatConfigSchema, env);
  requireInternalTokenOnModal(env, config.INTERNAL_API_TOKEN);
  return config;
}
