// Any OpenAI-compatible POST /audio/speech through the `openai` SDK: AssemblyAI's TTS
// route (English only) and a self-hosted or hosted speech server for Mandarin. Text longer
// than the provider's cap is spoken sentence by sentence and the audio joined.
import OpenAI, { APIUserAbortError } from 'openai';
import { sniffAudioFormat, stripId3 } from './audio-format.ts';
import { ProviderError, SpeechAbortedError } from './provider-error.ts';
import { hasChinese } from './speech-lang.ts';
import { splitSentences } from './split-sentences.ts';
import type { TtsAudio, TtsFormat, TtsProvider, TtsRequest } from './tts-provider.ts';
import { joinWavs } from './wav.ts';
import { fieldOf } from '../field-of.ts';

export type OpenAiSpeechOptions = {
  name: string;
  baseUrl: string;
  apiKey?: string;
  model: string;
  defaultVoice: string;
  /** Longest input one request may carry. */
  maxChars: number;
  timeoutMs: number;
  /** Skip Chinese text (AssemblyAI's voices speak en, es, de, fr, it, pt). */
  englishOnly?: boolean;
};

export function createOpenAiSpeechTts(options: OpenAiSpeechOptions): TtsProvider {
  const client = new OpenAI({ baseURL: options.baseUrl, apiKey: options.apiKey ?? 'not-needed', timeout: options.timeoutMs, maxRetries: 0 });
  const { name } = options;

  const speakPiece = async (input: string, request: TtsRequest, signal?: AbortSignal): Promise<TtsAudio> => {
    let bytes: Uint8Array;
    try {
      const response = await client.audio.speech.create(
        { model: options.model, voice: request.voice ?? options.defaultVoice, input, response_format: request.format },
        signal ? { signal } : {},
      );
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      if (signal?.aborted || error instanceof APIUserAbortError) throw new SpeechAbortedError();
      const status = fieldOf(error, 'status');
      throw new ProviderError(
        name,
        `speech request failed${status ? ` (HTTP ${status})` : ''}: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}`,
        { cause: error },
      );
    }
    // Trust the bytes, not the label: some servers ignore response_format.
    const format = sniffAudioFormat(bytes);
    if (format !== 'mp3' && format !== 'wav')
      throw new ProviderError(name, `returned ${bytes.length === 0 ? 'no audio' : `audio that is neither mp3 nor wav (${format ?? 'unknown'})`}`);
    return { audio: bytes, format };
  };

  return {
    name,
    formats: ['mp3', 'wav'],
    cannotSpeak(request) {
      if (options.englishOnly && (request.lang !== 'en' || hasChinese(request.text))) return 'English voices only';
      return undefined;
    },
    async synthesize(request, signal) {
      const pieces = splitSentences(request.text, options.maxChars);
      const parts: TtsAudio[] = [];
      for (const piece of pieces) parts.push(await speakPiece(piece, request, signal));
      if (parts.length === 0) throw new ProviderError(name, 'nothing to say');
      return join(name, parts);
    },
  };
}

function join(name: string, parts: TtsAudio[]): TtsAudio {
  if (parts.length === 1) return parts[0]!;
  const format: TtsFormat = parts[0]!.format;
  if (parts.some((part) => part.format !== format)) throw new ProviderError(name, 'returned pieces in different formats');
  if (format === 'wav') {
    const joined = joinWavs(parts.map((part) => part.audio));
    if (!joined) throw new ProviderError(name, 'returned WAV pieces that cannot be joined');
    return { audio: joined, format };
  }
  // MP3 frames concatenate; only the first piece keeps its ID3 tag.
  const bodies = parts.map((part, index) => (index === 0 ? part.audio : stripId3(part.audio)));
  const audio = new Uint8Array(bodies.reduce((sum, body) => sum + body.length, 0));
  let at = 0;
  for (const body of bodies) {
    audio.set(body, at);
    at += body.length;
  }
  return { audio, format };
}
