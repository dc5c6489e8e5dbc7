import * as v from 'valibot';
import { InternalTokenSchema } from '../../../shared/config/internal-token.ts';
import { ConfigError, intFromString, optionalUrl, parseEnv, type Env } from '../../../shared/config/env.ts';

const LegacyConfigSchema = v.object({
  ORDER_API_URL: optionalUrl(),
  CHAT_API_URL: optionalUrl(),
  STT_API_URL: optionalUrl(),
  TTS_API_URL: optionalUrl(),
  INTERNAL_API_TOKEN: InternalTokenSchema,
  CHAT_RATE_LIMIT_PER_MINUTE: intFromString(30, 1, 1_000_000),
  STT_RATE_LIMIT_PER_MINUTE: intFromString(20, 1, 1_000_000),
  TTS_RATE_LIMIT_PER_MINUTE: intFromString(30, 1, 1_000_000),
});

export type LegacyConfig = v.InferOutput<typeof LegacyConfigSchema>;

/** Sibling URLs are needed only where the sibling is not in process (Modal). */
export function readLegacyConfig(env: Env, inProcess: { order: boolean; chat: boolean; stt: boolean; tts: boolean }): LegacyConfig {
  const config = parseEnv(LegacyConfigSchema, env);
  const missing = [
    !inProcess.order && !config.ORDER_API_URL && 'ORDER_API_URL',
    !inProcess.chat && !config.CHAT_API_URL && 'CHAT_API_URL',
    !inProcess.stt && !config.STT_API_URL && 'STT_API_URL',
    !inProcess.tts && !config.TTS_API_URL && 'TTS_API_URL',
  ].filter(Boolean);
  if (missing.length > 0) throw new ConfigError(`Invalid configuration: ${missing.join(', ')}: required (the sibling functions' base URLs)`);
  return config;
}
