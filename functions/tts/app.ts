import { AppError } from '../../shared/errors.ts';
import { createApp } from '../../shared/http/create-app.ts';
import { mountHealthz, type HealthCheck } from '../../shared/http/function-module.ts';
import { mountOpenApi } from '../../shared/openapi/mount-openapi.ts';
import { TTS_DOC } from './openapi.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { rateLimit } from '../../shared/http/rate-limit.ts';
import { jsonBody } from '../../shared/http/validate.ts';
import { TtsRequestSchema } from './schemas.ts';
import { firstAnswer, type ProviderAttempt } from '../../shared/speech/provider-chain.ts';
import { ProviderError, SpeechAbortedError } from '../../shared/speech/provider-error.ts';
import { guessSpeechLang } from '../../shared/speech/speech-lang.ts';
import { TTS_MIME, type TtsProvider, type TtsRequest } from '../../shared/speech/tts-provider.ts';

export type TtsAppDeps = {
  log: Logger;
  allowedOrigins?: string[];
  trustProxyHops?: number;
  /** INTERNAL_API_TOKEN: lets web's /legacy name the end client it calls for (create-app.ts). */
  internalToken?: string;
  providers: TtsProvider[];
  ratePerMinute: number;
  check: () => Promise<HealthCheck>;
};

export function createTtsApp({ log, allowedOrigins, trustProxyHops = 0, internalToken, providers, ratePerMinute, check }: TtsAppDeps) {
  const app = createApp({
    name: 'tts',
    log,
    trustProxyHops,
    ...(internalToken ? { internalToken } : {}),
    ...(allowedOrigins ? { allowedOrigins } : {}),
    bodyLimitBytes: 16 * 1024,
    toAppError: (error) =>
      error instanceof SpeechAbortedError ? new AppError(408, 'client_closed_request', 'the client closed the request before the audio was ready') : error,
  });
  mountHealthz(app, 'tts', check);
  mountOpenApi(app, TTS_DOC);

  app.post('/tts', rateLimit({ name: 'tts', limit: ratePerMinute, windowMs: 60_000 }), jsonBody(TtsRequestSchema), async (c) => {
    const body = c.req.valid('json');
    const wanted = body.format ?? 'mp3';
    const strict = body.strictFormat === true && body.format !== undefined;
    const request: TtsRequest = {
      text: body.text,
      lang: body.lang ?? guessSpeechLang(body.text),
      format: wanted,
      ...(body.voice ? { voice: body.voice } : {}),
    };
    const signal = c.req.raw.signal;
    const { result, provider } = await firstAnswer(
      providers,
      async (provider) => {
        const format = provider.formats.includes(wanted) ? wanted : provider.formats[0]!;
        const spoken = await provider.synthesize({ ...request, format }, signal);
        if (strict && spoken.format !== wanted) throw new ProviderError(provider.name, `answered ${spoken.format}, ${wanted} was required`);
        return spoken;
      },
      {
        kind: 'tts',
        what: 'speech synthesis',
        log: c.get('log'),
        signal,
        skip: (provider) =>
          provider.cannotSpeak(request) ?? (strict && !provider.formats.includes(wanted) ? `makes ${provider.formats.join('/')} only` : undefined),
        noneConfigured: 'speech synthesis is not configured (set ASSEMBLYAI_API_KEY or TTS_BASE_URL, or leave TTS_OFFLINE on)',
        ...(strict ? { exhausted: (attempts: ProviderAttempt[]) => formatUnavailable(attempts, wanted) } : {}),
      },
    );
    return c.body(result.audio as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': TTS_MIME[result.format],
      'Content-Length': String(result.audio.length),
      'X-Tts-Provider': provider,
      'X-Tts-Format': result.format,
      'Cache-Control': 'no-store',
    });
  });

  return app;
}

/**
 * With strictFormat, a chain that failed only because the voices that could still speak
 * make another format is a 422 (ask differently), not a 503 (come back later).
 */
function formatUnavailable(attempts: ProviderAttempt[], wanted: string): AppError | undefined {
  if (!attempts.some((attempt) => attempt.outcome === 'skipped' && attempt.reason.startsWith('makes '))) return undefined;
  return new AppError(
    422,
    'format_unavailable',
    `${wanted} audio is unavailable right now: the voices that make it failed or are not configured, and the offline voice makes WAV only; ask for wav or leave out strictFormat`,
    { providersTried: attempts },
  );
}

export function checkTts(providers: TtsProvider[], offline: { available: boolean; worker: string; lastError?: string } | undefined): HealthCheck {
  const remote = providers.filter((provider) => provider.name !== 'offline').map((provider) => provider.name);
  const offlineOk = offline?.available === true;
  return {
    status: remote.length > 0 || offlineOk ? 'ok' : 'degraded',
    providers: {
      assemblyai: remote.includes('assemblyai') ? 'configured' : 'not_configured',
      'openai-compatible': remote.includes('openai-compatible') ? 'configured' : 'not_configured',
      offline: offline ? { ...offline, status: offlineOk ? 'available' : 'unavailable' } : 'disabled',
    },
  };
}
