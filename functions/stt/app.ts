import { AppError } from '../../shared/errors.ts';
import { createApp } from '../../shared/http/create-app.ts';
import { mountHealthz, type HealthCheck } from '../../shared/http/function-module.ts';
import { mountOpenApi } from '../../shared/openapi/mount-openapi.ts';
import { STT_DOC } from './openapi.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { rateLimit } from '../../shared/http/rate-limit.ts';
import { queryParams } from '../../shared/http/validate.ts';
import { LangQuerySchema } from './schemas.ts';
import type { StreamingGrant } from '../../shared/speech/assemblyai-streaming-token.ts';
import { firstAnswer } from '../../shared/speech/provider-chain.ts';
import { ProviderError, SpeechAbortedError } from '../../shared/speech/provider-error.ts';
import { createConcurrencyGate } from '../../shared/http/concurrency-gate.ts';
import { MULTIPART_SLACK_BYTES, readAudioUpload, tooLong, type AudioLimits } from '../../shared/speech/read-audio.ts';
import type { SpeechLang } from '../../shared/speech/speech-lang.ts';
import type { SttProvider } from '../../shared/speech/stt-provider.ts';

const STT_LIMITS: AudioLimits = { maxBytes: 10 * 1024 * 1024, maxDurationMs: 60_000 };
/** What a client told `busy` waits before trying again: a transcription takes a few seconds. */
const BUSY_RETRY_AFTER_SECONDS = 2;
/** Providers round their measurement; a 60.0 s recording may come back as 60.2 s. */
const DURATION_TOLERANCE_MS = 500;

export type SttAppDeps = {
  log: Logger;
  allowedOrigins?: string[];
  trustProxyHops?: number;
  /** INTERNAL_API_TOKEN: lets web's /legacy name the end client it calls for (create-app.ts). */
  internalToken?: string;
  providers: SttProvider[];
  issueToken?: (lang: SpeechLang, signal?: AbortSignal) => Promise<StreamingGrant>;
  ratePerMinute: number;
  tokenRatePerMinute: number;
  limits?: AudioLimits;
  /** Transcriptions at once in this container (each holds its audio in memory); more get 503 busy. */
  maxConcurrent: number;
};

export function createSttApp({
  log,
  allowedOrigins,
  trustProxyHops = 0,
  internalToken,
  providers,
  issueToken,
  ratePerMinute,
  tokenRatePerMinute,
  limits = STT_LIMITS,
  maxConcurrent,
}: SttAppDeps) {
  const app = createApp({
    name: 'stt',
    log,
    trustProxyHops,
    ...(internalToken ? { internalToken } : {}),
    ...(allowedOrigins ? { allowedOrigins } : {}),
    bodyLimitBytes: limits.maxBytes + MULTIPART_SLACK_BYTES,
    toAppError: (error, c) => {
      if (error instanceof SpeechAbortedError) return clientGone();
      // Only /stt/token lets a ProviderError through: /stt's provider chain answers its own 503.
      if (error instanceof ProviderError) {
        c.get('log').warn('streaming token failed', { provider: error.provider, err: error });
        return new AppError(502, 'upstream_error', error.message);
      }
      return error;
    },
  });
  mountHealthz(app, 'stt', async () => checkStt(providers, issueToken !== undefined));
  const transcriptions = createConcurrencyGate(maxConcurrent);
  mountOpenApi(app, STT_DOC);

  app.post('/stt/token', rateLimit({ name: 'stt token', limit: tokenRatePerMinute, windowMs: 60_000 }), queryParams(LangQuerySchema), async (c) => {
    if (!issueToken) throw new AppError(503, 'streaming_unavailable', 'live transcription is not configured (ASSEMBLYAI_API_KEY is not set)');
    const grant = await issueToken(c.req.valid('query').lang, c.req.raw.signal);
    c.header('Cache-Control', 'no-store');
    return c.json(grant);
  });

  app.post('/stt', rateLimit({ name: 'stt', limit: ratePerMinute, windowMs: 60_000 }), queryParams(LangQuerySchema), async (c) => {
    const { lang } = c.req.valid('query');
    // Taken before the body is read, so a crowd of uploads never sits in memory at once.
    const release = transcriptions.tryEnter();
    if (!release) {
      c.header('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
      throw new AppError(503, 'busy', `speech recognition is busy (${maxConcurrent} at once); try again in ${BUSY_RETRY_AFTER_SECONDS} s`, {
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
  });

  return app;
}

/** Nobody reads this answer: the client is gone. It keeps the access log honest. */
function clientGone(): AppError {
  return new AppError(408, 'client_closed_request', 'the client closed the request before the transcript was ready');
}

/** Which providers are configured (never their keys); ok when at least one can transcribe. */
export function checkStt(providers: SttProvider[], streaming: boolean): HealthCheck {
  const names = providers.map((provider) => provider.name);
  return {
    status: names.length > 0 ? 'ok' : 'degraded',
    providers: {
      assemblyai: names.includes('assemblyai') ? 'configured' : 'not_configured',
      whisper: names.includes('whisper') ? 'configured' : 'not_configured',
    },
    streaming: streaming ? 'configured' : 'not_configured',
  };
}
