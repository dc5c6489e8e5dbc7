import * as v from 'valibot';
import { intFromString, optionalString, optionalUrl, parseEnv, type Env } from '../../shared/config/env.ts';
import { onOff, urlWithDefault } from '../../shared/speech/speech-config.ts';

const name = () => v.pipe(v.string(), v.trim(), v.minLength(1));

const TtsConfigSchema = v.object({
  ASSEMBLYAI_API_KEY: optionalString(),
  // AssemblyAI's OpenAI-compatible speech route (an OpenAI SDK base URL).
  ASSEMBLYAI_TTS_BASE_URL: urlWithDefault('https://tts.us.assemblyai.com/v1/openai'),
  ASSEMBLYAI_TTS_MODEL: v.optional(name(), 'assemblyai-tts-en'),
  // OpenAI voice names are mapped to AssemblyAI's own (alloy → aai-jane).
  ASSEMBLYAI_TTS_VOICE: v.optional(name(), 'alloy'),
  ASSEMBLYAI_TTS_MAX_CHARS: intFromString(5000, 20, 100_000),
  TTS_BASE_URL: optionalUrl(),
  TTS_API_KEY: optionalString(),
  TTS_MODEL: v.optional(name(), 'tts-1'),
  TTS_VOICE: v.optional(name(), 'alloy'),
  TTS_MAX_CHARS: intFromString(4096, 20, 100_000),
  TTS_PROVIDER_TIMEOUT_MS: intFromString(15_000, 200, 120_000),
  TTS_OFFLINE: onOff('on'),
  TTS_OFFLINE_WARMUP: onOff('on'),
  TTS_OFFLINE_TIMEOUT_MS: intFromString(20_000, 100, 120_000),
  TTS_RATE_LIMIT_PER_MINUTE: intFromString(30, 1, 100_000),
});

export type TtsConfig = v.InferOutput<typeof TtsConfigSchema>;

export function readTtsConfig(env: Env): TtsConfig {
  return parseEnv(TtsConfigSchema, env);
}
