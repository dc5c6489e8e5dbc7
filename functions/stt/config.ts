import * as v from 'valibot';
import { intFromString, optionalString, optionalUrl, parseEnv, type Env } from '../../shared/config/env.ts';
import { listWithDefault, onOff, urlWithDefault } from '../../shared/speech/speech-config.ts';

const SttConfigSchema = v.object({
  ASSEMBLYAI_API_KEY: optionalString(),
  ASSEMBLYAI_BASE_URL: optionalUrl(),
  ASSEMBLYAI_STREAMING_BASE_URL: urlWithDefault('https://streaming.assemblyai.com'),
  // off: no streaming grants (POST /stt/token answers 503), so every page records clips for POST /stt.
  STT_STREAMING: onOff('on'),
  // Universal-2 is the model with Mandarin (99 languages); Universal-3 Pro covers English
  // and five European languages, with Universal-2 behind it.
  ASSEMBLYAI_SPEECH_MODELS_ZH: listWithDefault('universal-2'),
  ASSEMBLYAI_SPEECH_MODELS_EN: listWithDefault('universal-3-pro,universal-2'),
  // Streaming: whisper-rt detects the language itself (Mandarin included); English has its own.
  ASSEMBLYAI_STREAMING_MODEL_ZH: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1)), 'whisper-rt'),
  ASSEMBLYAI_STREAMING_MODEL_EN: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1)), 'universal-streaming-english'),
  ASSEMBLYAI_POLL_INTERVAL_MS: intFromString(250, 20, 5000),
  STT_PROVIDER_TIMEOUT_MS: intFromString(30_000, 200, 300_000),
  STT_TOKEN_EXPIRES_SECONDS: intFromString(60, 1, 600),
  WHISPER_BASE_URL: optionalUrl(),
  WHISPER_API_KEY: optionalString(),
  WHISPER_MODEL: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1)), 'whisper-1'),
  MENU_FILE: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
  // The order service, for the live menu's key terms (Modal's stub sets it; locally it is in process).
  ORDER_API_URL: optionalUrl(),
  STT_RATE_LIMIT_PER_MINUTE: intFromString(20, 1, 100_000),
  STT_TOKEN_RATE_LIMIT_PER_MINUTE: intFromString(10, 1, 100_000),
  // Each transcription holds up to 10 MB of audio (plus the provider request) in memory.
  STT_MAX_CONCURRENT: intFromString(16, 1, 1000),
});

export type SttConfig = v.InferOutput<typeof SttConfigSchema>;

export function readSttConfig(env: Env): SttConfig {
  return parseEnv(SttConfigSchema, env);
}
