// AssemblyAI pre-recorded transcription through the `assemblyai` SDK: upload, submit with an
// explicit model list per language, then our own polling (short interval, overall bound,
// stops when the client goes away) instead of the SDK's 3 s poll.
import { AssemblyAI, type Transcript, type TranscriptParams } from 'assemblyai';
import { ProviderError, SpeechAbortedError, raceAbort, sleep } from './provider-error.ts';
import type { SpeechLang } from './speech-lang.ts';
import type { SttInput, SttProvider, SttResult } from './stt-provider.ts';

export type AssemblyAiSttOptions = {
  apiKey: string;
  baseUrl?: string;
  /** Models in priority order, per language (`speech_models`). */
  speechModels: Record<SpeechLang, string[]>;
  /** Menu names sent as `keyterms_prompt` (read per request: the menu changes); an empty list sends none. */
  keyterms: (lang: SpeechLang) => string[];
  pollIntervalMs: number;
  /** Upload + queue + processing, all together. */
  timeoutMs: number;
};

/** Universal-2 takes up to 200 key terms; Universal-3 Pro up to 1,000. */
const MAX_KEYTERMS = 200;

export function createAssemblyAiStt(options: AssemblyAiSttOptions): SttProvider {
  const client = new AssemblyAI({ apiKey: options.apiKey, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
  const name = 'assemblyai';

  return {
    name,
    async transcribe(input: SttInput, signal?: AbortSignal): Promise<SttResult> {
      const deadline = Date.now() + options.timeoutMs;
      const step = <T>(what: string, work: Promise<T>) => withDeadline(name, what, work, deadline, signal);

      const audioUrl = await step('upload', client.files.upload(input.audio));
      const params: TranscriptParams = {
        audio_url: audioUrl,
        speech_models: options.speechModels[input.lang],
        language_code: input.lang,
        punctuate: true,
        format_text: true,
      };
      const keyterms = options.keyterms(input.lang).slice(0, MAX_KEYTERMS);
      if (keyterms.length > 0) params.keyterms_prompt = keyterms;
      let transcript: Transcript = await step('submit', client.transcripts.submit(params));

      while (transcript.status !== 'completed') {
        if (transcript.status === 'error') {
          throw new ProviderError(name, `transcript ${transcript.id} failed: ${transcript.error ?? 'no reason given'}`);
        }
        if (Date.now() + options.pollIntervalMs > deadline) {
          throw new ProviderError(name, `transcript ${transcript.id} not done within ${options.timeoutMs} ms (status ${transcript.status})`);
        }
        await sleep(options.pollIntervalMs, signal);
        transcript = await step('poll', client.transcripts.get(transcript.id));
      }
      return {
        text: (transcript.text ?? '').trim(),
        confidence: typeof transcript.confidence === 'number' ? transcript.confidence : null,
        durationMs: typeof transcript.audio_duration === 'number' ? Math.round(transcript.audio_duration * 1000) : null,
      };
    },
  };
}

/**
 * The SDK's calls take no AbortSignal, so a call is raced against the overall deadline and
 * the client's signal; a call left behind finishes on its own and is ignored.
 */
async function withDeadline<T>(provider: string, what: string, work: Promise<T>, deadline: number, signal?: AbortSignal): Promise<T> {
  const remaining = deadline - Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderError(provider, `${what} timed out`)), Math.max(0, remaining));
  });
  try {
    return await raceAbort(Promise.race([work, timeout]), signal);
  } catch (error) {
    work.catch(() => {});
    if (error instanceof ProviderError || error instanceof SpeechAbortedError) throw error;
    throw new ProviderError(provider, `${what} failed: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
