import type { SpeechLang } from './speech-lang.ts';

export type SttInput = {
  audio: Uint8Array;
  /** The audio's media type as received (e.g. audio/webm). */
  mimeType: string;
  /** A file name with a fitting extension; some servers decide the decoder by it. */
  filename: string;
  lang: SpeechLang;
};

export type SttResult = {
  text: string;
  /** 0..1 where the provider gives one. */
  confidence: number | null;
  /** The audio's length as the provider measured it. */
  durationMs: number | null;
};

export type SttProvider = {
  name: string;
  transcribe(input: SttInput, signal?: AbortSignal): Promise<SttResult>;
};
