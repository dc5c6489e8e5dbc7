import { createOfflineTts } from '../../shared/speech/offline-tts.ts';
import type { OfflineVoice } from '../../shared/speech/offline-voice.ts';
import { createOpenAiSpeechTts } from '../../shared/speech/openai-speech-tts.ts';
import type { TtsProvider } from '../../shared/speech/tts-provider.ts';
import type { TtsConfig } from './config.ts';

/** The configured providers in the order they are tried; the offline voice is last. */
export function buildTtsProviders(config: TtsConfig, offline: OfflineVoice | undefined): TtsProvider[] {
  const providers: TtsProvider[] = [];
  if (config.ASSEMBLYAI_API_KEY) {
    providers.push(
      createOpenAiSpeechTts({
        name: 'assemblyai',
        baseUrl: config.ASSEMBLYAI_TTS_BASE_URL,
        apiKey: config.ASSEMBLYAI_API_KEY,
        model: config.ASSEMBLYAI_TTS_MODEL,
        defaultVoice: config.ASSEMBLYAI_TTS_VOICE,
        maxChars: config.ASSEMBLYAI_TTS_MAX_CHARS,
        timeoutMs: config.TTS_PROVIDER_TIMEOUT_MS,
        englishOnly: true,
      }),
    );
  }
  if (config.TTS_BASE_URL) {
    providers.push(
      createOpenAiSpeechTts({
        name: 'openai-compatible',
        baseUrl: config.TTS_BASE_URL,
        ...(config.TTS_API_KEY ? { apiKey: config.TTS_API_KEY } : {}),
        model: config.TTS_MODEL,
        defaultVoice: config.TTS_VOICE,
        maxChars: config.TTS_MAX_CHARS,
        timeoutMs: config.TTS_PROVIDER_TIMEOUT_MS,
      }),
    );
  }
  if (offline) providers.push(createOfflineTts(offline));
  return providers;
}
