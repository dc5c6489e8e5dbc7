import * as v from 'valibot';
import { optionalUrl, parseEnv, type Env } from '../../shared/config/env.ts';

const HealthConfigSchema = v.object({
  ORDER_API_URL: optionalUrl(),
  CHAT_API_URL: optionalUrl(),
  STT_API_URL: optionalUrl(),
  TTS_API_URL: optionalUrl(),
  HEALTH_API_URL: optionalUrl(),
});

/** Sibling base URLs on Modal; locally none are set and every function shares one origin. */
export function readSiblingUrls(env: Env): Partial<Record<'order' | 'chat' | 'stt' | 'tts' | 'health', string>> {
  const raw = parseEnv(HealthConfigSchema, env);
  const urls = { order: raw.ORDER_API_URL, chat: raw.CHAT_API_URL, stt: raw.STT_API_URL, tts: raw.TTS_API_URL, health: raw.HEALTH_API_URL };
  return Object.fromEntries(Object.entries(urls).filter(([, url]) => url !== undefined));
}
