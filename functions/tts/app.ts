import { createApp } from '../../shared/http/create-app.ts';
import type { HealthCheck } from '../../shared/http/function-module.ts';
import { HTTP_ERRORS } from '../../shared/http/http-errors.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { mountRoutes } from '../../shared/http/route-table.ts';
import { SpeechAbortedError } from '../../shared/speech/provider-error.ts';
import type { TtsProvider } from '../../shared/speech/tts-provider.ts';
import { TTS_ROUTES, type TtsRouteDeps } from './routes.ts';

export type TtsAppDeps = TtsRouteDeps & {
  log: Logger;
  allowedOrigins?: string[];
  trustProxyHops?: number;
  /** INTERNAL_API_TOKEN: lets web's /legacy name the end client it calls for (create-app.ts). */
  internalToken?: string;
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
      error instanceof SpeechAbortedError ? HTTP_ERRORS.raise('client_closed_request', 'the client closed the request before the audio was ready') : error,
  });
  mountRoutes(app, TTS_ROUTES, { deps: { providers, ratePerMinute }, check });
  return app;
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
