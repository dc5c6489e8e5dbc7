import { createConcurrencyGate } from '../../shared/http/concurrency-gate.ts';
import { rateLimit } from '../../shared/http/rate-limit.ts';
import { type FunctionRoutes, functionDoc, routeTable } from '../../shared/http/route-table.ts';
import { HealthCheckShape, StreamingGrantShape, TranscriptShape } from '../../shared/openapi/response-shapes.ts';
import type { StreamingGrant } from '../../shared/speech/assemblyai-streaming-token.ts';
import { firstAnswer } from '../../shared/speech/provider-chain.ts';
import { type AudioLimits, readAudioUpload, tooLong } from '../../shared/speech/read-audio.ts';
import { SPEECH_ERRORS } from '../../shared/speech/speech-errors.ts';
import type { SpeechLang } from '../../shared/speech/speech-lang.ts';
import type { SttProvider } from '../../shared/speech/stt-provider.ts';
import { LangQuerySchema } from './schemas.ts';

/** What the stt routes need, built once per app (app.ts). */
export type SttRouteDeps = {
  providers: SttProvider[];
  issueToken?: (lang: SpeechLang, signal?: AbortSignal) => Promise<StreamingGrant>;
  ratePerMinute: number;
  tokenRatePerMinute: number;
  limits: AudioLimits;
  /** Transcriptions at once in this container (each holds its audio in memory); more get 503 busy. */
  maxConcurrent: number;
};

/** What a client told `busy` waits before trying again: a transcription takes a few seconds. */
const BUSY_RETRY_AFTER_SECONDS = 2;
/** Providers round their measurement; a 60.0 s recording may come back as 60.2 s. */
const DURATION_TOLERANCE_MS = 500;
const binary = { type: 'string', contentMediaType: 'application/octet-stream' };

const route = routeTable<SttRouteDeps, keyof typeof SPEECH_ERRORS.statuses>(SPEECH_ERRORS);

const streamingToken = route(
  {
    method: 'POST',
    path: '/stt/token',
    summary: 'A short-lived AssemblyAI streaming token for a browser',
    tag: 'speech',
    rateLimit: (deps) => rateLimit({ name: 'stt token', limit: deps.tokenRatePerMinute, windowMs: 60_000 }),
    query: LangQuerySchema,
    responses: { 200: { description: 'connect to `connectUrl` from the browser', schema: StreamingGrantShape } },
    errors: ['client_closed_request', 'upstream_error', 'streaming_unavailable'],
  },
  ({ issueToken }) =>
    async (c) => {
      if (!issueToken) throw SPEECH_ERRORS.raise('streaming_unavailable', 'live transcription is not configured (ASSEMBLYAI_API_KEY is not set)');
      const grant = await issueToken(c.req.valid('query').lang, c.req.raw.signal);
      c.header('Cache-Control', 'no-store');
      return c.json(grant);
    },
);

const transcribe = route(
  {
    method: 'POST',
    path: '/stt',
    summary: 'Speech to text',
    description: 'Send the audio as the raw body (audio/wav, audio/webm, audio/mpeg…) or as the multipart field `audio`. At most 10 MB and 60 s.',
    tag: 'speech',
    rateLimit: (deps) => rateLimit({ name: 'stt', limit: deps.ratePerMinute, windowMs: 60_000 }),
    query: LangQuerySchema,
    rawBody: {
      description: 'the recording',
      content: {
        'audio/wav': binary,
        'audio/webm': binary,
        'audio/mpeg': binary,
        'multipart/form-data': { type: 'object', required: ['audio'], properties: { audio: binary } },
      },
    },
    responses: { 200: { description: 'the transcript', schema: TranscriptShape } },
    errors: [
      'missing_audio',
      'empty_audio',
      'invalid_audio',
      'invalid_multipart',
      'client_closed_request',
      'audio_too_large',
      'audio_too_long',
      'unsupported_media_type',
      'busy',
      'stt_unavailable',
    ],
  },
  ({ providers, limits, maxConcurrent }) => {
    // Taken before the body is read, so a crowd of uploads never sits in memory at once.
    const transcriptions = createConcurrencyGate(maxConcurrent);
    return async (c) => {
      const { lang } = c.req.valid('query');
      const release = transcriptions.tryEnter();
      if (!release) {
        c.header('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
        throw SPEECH_ERRORS.raise('busy', `speech recognition is busy (${maxConcurrent} at once); try again in ${BUSY_RETRY_AFTER_SECONDS} s`, {
          retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
        });
      }
      try {
        const upload = await readAudioUpload(c, limits);
        const signal = c.req.raw.signal;
        const { result, provider } = await firstAnswer(
          providers,
          (p) => p.transcribe({ audio: upload.audio, mimeType: upload.mimeType, filename: upload.filename, lang }, signal),
          {
            kind: 'stt',
            what: 'speech recognition',
            log: c.get('log'),
            signal,
            noneConfigured: 'speech recognition is not configured (set ASSEMBLYAI_API_KEY or WHISPER_BASE_URL); type the order instead',
          },
        );
        // Only WAV length is known up front; for other formats trust the provider's measure.
        const durationMs = upload.durationMs ?? result.durationMs;
        if (durationMs !== null && durationMs > limits.maxDurationMs + DURATION_TOLERANCE_MS) throw tooLong(durationMs, limits);
        return c.json({ text: result.text, lang, confidence: result.confidence, durationMs, provider });
      } finally {
        release();
      }
    };
  },
);

export const STT_ROUTES: FunctionRoutes<SttRouteDeps> = {
  name: 'stt',
  title: 'tea-order-agent · stt',
  description: 'Speech to text: AssemblyAI, then an OpenAI-compatible Whisper endpoint.',
  checkShape: HealthCheckShape,
  rows: [streamingToken, transcribe],
};

export const STT_DOC = functionDoc(STT_ROUTES);
