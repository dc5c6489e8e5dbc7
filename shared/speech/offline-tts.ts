import type { OfflineVoice } from './offline-voice.ts';
import type { TtsProvider } from './tts-provider.ts';

/** The offline voice as the last link of the TTS chain: WAV only, any language we serve. */
export function createOfflineTts(voice: OfflineVoice): TtsProvider {
  return {
    name: 'offline',
    formats: ['wav'],
    cannotSpeak: () => undefined,
    async synthesize(request, signal) {
      const speech = await voice.synthesize(request.text, request.lang, signal);
      return { audio: speech.wav, format: 'wav' };
    },
  };
}
