import { createApp } from '../../shared/http/create-app.ts';
import type { HealthCheck } from '../../shared/http/function-module.ts';
import { HTTP_ERRORS } from '../../shared/http/http-errors.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { mountRoutes } from '../../shared/http/route-table.ts';
import { ProviderError, SpeechAbortedError } from '../../shared/speech/provider-error.ts';
import { type AudioLimits, MULTIPART_SLACK_BYTES } from '../../shared/speech/read-audio.ts';
import { SPEECH_ERRORS } from '../../shared/speech/speech-errors.ts';
import type { SttProvider } from '../../shared/speech/stt-provider.ts';
import { STT_ROUTES, type SttRouteDeps } from './routes.ts';

const STT_LIMITS: AudioLimits = { maxBytes: 10 * 1024 * 1024, maxDurationMs: 60_000 };

export type SttAppDeps = Omit<SttRouteDeps, 'limits'> & {
  log: Logger;
  allowedOrigins?: string[];
  trustProxyHops?: number;
  /** INTERNAL_API_TOKEN: lets web's /legacy name the end client it calls for (create-app.ts). */
  internalToken?: string;
  limits?: AudioLimits;
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
        return SPEECH_ERRORS.raise('upstream_error', error.message);
      }
      return error;
    },
  });
  mountRoutes(app, STT_ROUTES, {
    deps: { providers, ...(issueToken ? { issueToken } : {}), ratePerMinute, tokenRatePerMinute, limits, maxConcurrent },
    check: async () => checkStt(providers, issueToken !== undefined),
  });
  return app;
}

/** Nobody reads this answer: the client is gone. It keeps the access log honest. */
function clientGone() {
  return HTTP_ERRORS.raise('client_closed_request', 'the client closed the request before the transcript was ready');
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
