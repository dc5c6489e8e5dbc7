// Any OpenAI-compatible transcription endpoint (a self-hosted Whisper, or OpenAI itself)
// through the `openai` SDK.
import OpenAI, { APIUserAbortError, toFile } from 'openai';
import { ProviderError, SpeechAbortedError } from './provider-error.ts';
import type { SpeechLang } from './speech-lang.ts';
import type { SttInput, SttProvider, SttResult } from './stt-provider.ts';
import { fieldOf } from '../field-of.ts';

export type WhisperSttOptions = {
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
  /** A vocabulary hint per language (Whisper reads ~224 tokens of prompt): the menu's names, read per request. */
  prompt: (lang: SpeechLang) => string;
};

type VerboseSegment = { avg_logprob?: number; start?: number; end?: number };

export function createWhisperStt(options: WhisperSttOptions): SttProvider {
  const client = new OpenAI({
    baseURL: options.baseUrl,
    // Self-hosted servers often need no key; the SDK insists on one.
    apiKey: options.apiKey ?? 'not-needed',
    timeout: options.timeoutMs,
    maxRetries: 0,
  });
  const name = 'whisper';

  return {
    name,
    async transcribe(input: SttInput, signal?: AbortSignal): Promise<SttResult> {
      try {
        const file = await toFile(input.audio, input.filename, { type: input.mimeType });
        const result = await client.audio.transcriptions.create(
          { file, model: options.model, language: input.lang, response_format: 'verbose_json', prompt: options.prompt(input.lang), temperature: 0 },
          signal ? { signal } : {},
        );
        // A server that claims OpenAI's API may still leave verbose_json's fields out.
        const segments = (result.segments ?? []).filter((s) => typeof s.avg_logprob === 'number');
        const duration = fieldOf(result, 'duration');
        return {
          text: (result.text ?? '').trim(),
          confidence: segmentConfidence(segments),
          durationMs: typeof duration === 'number' ? Math.round(duration * 1000) : null,
        };
      } catch (error) {
        if (signal?.aborted || error instanceof APIUserAbortError) throw new SpeechAbortedError();
        const status = fieldOf(error, 'status');
        throw new ProviderError(
          name,
          `transcription failed${status ? ` (HTTP ${status})` : ''}: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}`,
          { cause: error },
        );
      }
    },
  };
}

/** exp(mean log-probability) per segment, weighted by segment length: a 0..1 figure. */
function segmentConfidence(segments: VerboseSegment[]): number | null {
  if (segments.length === 0) return null;
  let weighted = 0;
  let total = 0;
  for (const segment of segments) {
    const weight = Math.max(0.01, (segment.end ?? 0) - (segment.start ?? 0));
    weighted += Math.exp(segment.avg_logprob!) * weight;
    total += weight;
  }
  return Math.round((weighted / total) * 1000) / 1000;
}
