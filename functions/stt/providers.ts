import { createAssemblyAiStt } from '../../shared/speech/assemblyai-stt.ts';
import { createStreamingTokenIssuer } from '../../shared/speech/assemblyai-streaming-token.ts';
import { defaultMenuDefinition, loadMenuFile } from '../../shared/menu/load-menu-file.ts';
import type { Logger } from '../../shared/http/logger.ts';
import type { OrderClient } from '../../shared/order-client/order-client.ts';
import type { SttProvider } from '../../shared/speech/stt-provider.ts';
import { createWhisperStt } from '../../shared/speech/whisper-stt.ts';
import type { SttConfig } from './config.ts';
import { createLiveKeyterms } from './live-keyterms.ts';

/** The configured providers, in the order they are tried; key terms from the live menu when the order service is known. */
export function buildSttProviders(config: SttConfig, { orders, log }: { orders?: OrderClient; log: Logger }): SttProvider[] {
  const providers: SttProvider[] = [];
  // Until the live menu answers: the shop's menu file (the one the order service was seeded with), else the embedded default.
  const startMenu = config.MENU_FILE ? loadMenuFile(config.MENU_FILE) : defaultMenuDefinition();
  const keyterms = createLiveKeyterms({ startMenu, ...(orders ? { fetchMenu: () => orders.getMenu() } : {}), log });
  if (config.ASSEMBLYAI_API_KEY) {
    providers.push(
      createAssemblyAiStt({
        apiKey: config.ASSEMBLYAI_API_KEY,
        ...(config.ASSEMBLYAI_BASE_URL ? { baseUrl: config.ASSEMBLYAI_BASE_URL } : {}),
        speechModels: { zh: config.ASSEMBLYAI_SPEECH_MODELS_ZH, en: config.ASSEMBLYAI_SPEECH_MODELS_EN },
        keyterms,
        pollIntervalMs: config.ASSEMBLYAI_POLL_INTERVAL_MS,
        timeoutMs: config.STT_PROVIDER_TIMEOUT_MS,
      }),
    );
  }
  if (config.WHISPER_BASE_URL) {
    providers.push(
      createWhisperStt({
        baseUrl: config.WHISPER_BASE_URL,
        ...(config.WHISPER_API_KEY ? { apiKey: config.WHISPER_API_KEY } : {}),
        model: config.WHISPER_MODEL,
        timeoutMs: config.STT_PROVIDER_TIMEOUT_MS,
        prompt: (lang) => (lang === 'zh' ? `茶饮店点单：${keyterms('zh').join('、')}。` : `Bubble tea order: ${keyterms('en').join(', ')}.`),
      }),
    );
  }
  return providers;
}

export function buildTokenIssuer(config: SttConfig) {
  if (!config.ASSEMBLYAI_API_KEY || !config.STT_STREAMING) return undefined;
  return createStreamingTokenIssuer({
    apiKey: config.ASSEMBLYAI_API_KEY,
    streamingBaseUrl: config.ASSEMBLYAI_STREAMING_BASE_URL,
    expiresInSeconds: config.STT_TOKEN_EXPIRES_SECONDS,
    models: { zh: config.ASSEMBLYAI_STREAMING_MODEL_ZH, en: config.ASSEMBLYAI_STREAMING_MODEL_EN },
    timeoutMs: 10_000,
  });
}
