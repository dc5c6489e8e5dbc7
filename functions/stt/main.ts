import { readHttpConfig } from '../../shared/config/http-config.ts';
import type { OpenFunction } from '../../shared/http/function-module.ts';
import { isEntryPoint, runStandalone } from '../../shared/http/serve.ts';
import { checkStt, createSttApp } from './app.ts';
import { readSttConfig } from './config.ts';
import { buildSttProviders, buildTokenIssuer } from './providers.ts';

export const openFunction: OpenFunction = async ({ env, log }) => {
  const config = readSttConfig(env);
  const { allowedOrigins, trustProxyHops, internalToken } = readHttpConfig(env);
  const providers = buildSttProviders(config);
  const issueToken = buildTokenIssuer(config);
  const app = createSttApp({
    log,
    allowedOrigins,
    trustProxyHops,
    ...(internalToken ? { internalToken } : {}),
    providers,
    ...(issueToken ? { issueToken } : {}),
    ratePerMinute: config.STT_RATE_LIMIT_PER_MINUTE,
    tokenRatePerMinute: config.STT_TOKEN_RATE_LIMIT_PER_MINUTE,
    maxConcurrent: config.STT_MAX_CONCURRENT,
  });
  const check = async () => checkStt(providers, issueToken !== undefined);
  log.info('stt ready', { fn: 'stt', providers: providers.map((provider) => provider.name), streaming: issueToken !== undefined });
  return { name: 'stt', app, check, close: async () => {} };
};

if (isEntryPoint(import.meta.url)) void runStandalone('stt', openFunction, process.env);
