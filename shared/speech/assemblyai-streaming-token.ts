// A short-lived AssemblyAI streaming token (v3: GET /v3/token on the streaming host) so a
// browser can stream its microphone straight to AssemblyAI without ever seeing our key.
import { AssemblyAI } from 'assemblyai';
import { ProviderError, SpeechAbortedError, raceAbort } from './provider-error.ts';
import type { SpeechLang } from './speech-lang.ts';

export const STREAMING_SAMPLE_RATE = 16_000;
export const STREAMING_ENCODING = 'pcm_s16le';

export type StreamingTokenOptions = {
  apiKey: string;
  /** e.g. https://streaming.assemblyai.com; the WebSocket URL is derived from it. */
  streamingBaseUrl: string;
  expiresInSeconds: number;
  /** Streaming `speech_model` per language. */
  models: Record<SpeechLang, string>;
  timeoutMs: number;
};

export type StreamingGrant = {
  token: string;
  expiresInSeconds: number;
  expiresAt: string;
  /** Connect here, appending `&token=<token>` (or use `connectUrl`, which has it). */
  url: string;
  connectUrl: string;
  settings: { lang: SpeechLang; sampleRate: number; encoding: string; channels: 1; speechModel: string };
};

export function createStreamingTokenIssuer(options: StreamingTokenOptions) {
  const client = new AssemblyAI({ apiKey: options.apiKey, streamingBaseUrl: options.streamingBaseUrl });
  const wsBase = options.streamingBaseUrl.replace(/^http/, 'ws').replace(/\/+$/, '');

  return async function issue(lang: SpeechLang, signal?: AbortSignal): Promise<StreamingGrant> {
    const started = Date.now();
    let token: string;
    try {
      token = await raceAbort(
        Promise.race([
          client.streaming.createTemporaryToken({ expires_in_seconds: options.expiresInSeconds }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs).unref()),
        ]),
        signal,
      );
    } catch (error) {
      if (error instanceof SpeechAbortedError) throw error;
      throw new ProviderError('assemblyai', `streaming token request failed: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}`, {
        cause: error,
      });
    }
    if (typeof token !== 'string' || token.length === 0) throw new ProviderError('assemblyai', 'streaming token response had no token');
    const speechModel = options.models[lang];
    const query = new URLSearchParams({ sample_rate: String(STREAMING_SAMPLE_RATE), encoding: STREAMING_ENCODING, speech_model: speechModel });
    const url = `${wsBase}/v3/ws?${query}`;
    return {
      token,
      expiresInSeconds: options.expiresInSeconds,
      expiresAt: new Date(started + options.expiresInSeconds * 1000).toISOString(),
      url,
      connectUrl: `${url}&token=${encodeURIComponent(token)}`,
      settings: { lang, sampleRate: STREAMING_SAMPLE_RATE, encoding: STREAMING_ENCODING, channels: 1, speechModel },
    };
  };
}
