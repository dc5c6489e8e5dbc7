import { readHttpConfig } from '../../shared/config/http-config.ts';
import type { OpenFunction } from '../../shared/http/function-module.ts';
import { isEntryPoint, runStandalone } from '../../shared/http/serve.ts';
import { createOfflineVoice } from '../../shared/speech/offline-voice.ts';
import { checkTts, createTtsApp } from './app.ts';
import { readTtsConfig } from './config.ts';
import { buildTtsProviders } from './providers.ts';

export const openFunction: OpenFunction = async ({ env, log }) => {
  const config = readTtsConfig(env);
  const { allowedOrigins, trustProxyHops, internalToken } = readHttpConfig(env);
  const offline = config.TTS_OFFLINE ? createOfflineVoice({ timeoutMs: config.TTS_OFFLINE_TIMEOUT_MS }) : undefined;
  const providers = buildTtsProviders(config, offline);
  const check = async () => checkTts(providers, offline?.status());
  const app = createTtsApp({
    log,
    allowedOrigins,
    trustProxyHops,
    ...(internalToken ? { internalToken } : {}),
    providers,
    ratePerMinute: config.TTS_RATE_LIMIT_PER_MINUTE,
    check,
  });
  if (offline && config.TTS_OFFLINE_WARMUP) {
    // In the background: the first request should not pay for loading the voice data.
    offline.warmUp().catch((err: unknown) => log.warn('offline voice failed to start', { fn: 'tts', err }));
  }
  log.info('tts ready', { fn: 'tts', providers: providers.map((provider) => provider.name) });
  return { name: 'tts', app, check, close: async () => offline?.close() };
};

if (isEntryPoint(import.meta.url)) void runStandalone('tts', openFunction, process.env);
