import type { SpeechLang } from './speech-lang.ts';

export type TtsFormat = 'mp3' | 'wav';
export const TTS_MIME: Record<TtsFormat, string> = { mp3: 'audio/mpeg', wav: 'audio/wav' };

export type TtsRequest = { text: string; lang: SpeechLang; voice?: string; format: TtsFormat };
export type TtsAudio = { audio: Uint8Array; format: TtsFormat };

export type TtsProvider = {
  name: string;
  /** The formats it can produce. */
  formats: readonly TtsFormat[];
  /** A reason it cannot speak this request (e.g. English only), or undefined. */
  cannotSpeak(request: TtsRequest): string | undefined;
  synthesize(request: TtsRequest, signal?: AbortSignal): Promise<TtsAudio>;
};
