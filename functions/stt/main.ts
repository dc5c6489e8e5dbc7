import { readHttpConfig } from '../../shared/config/http-config.ts';
import type { OpenFunction } from '../../shared/http/function-module.ts';
import { isEntryPoint, runStandalone } from '../../shared/http/serve.ts';
import { checkStt, createSttApp } from './app.ts';
import { readSttConfig } from './config.ts';
import { createHttpOrderClient } from '../../shared/order-client/http-order-client.ts';
import { buildSttProviders, buildTokenIssuer } from './providers.ts';

export const openFunction: OpenFunction = async ({ env, log, orderClient }) => {
  const config = readSttConfig(env);
  const { allowedOrigins, trustProxyHops, internalToken } = readHttpConfig(env);
  // The live menu for key terms: in process on the local server, else over ORDER_API_URL (Modal).
  const orders =
    orderClient ??
    (config.ORDER_API_URL ? createHttpOrderClient({ baseUrl: config.ORDER_API_URL, ...(internalToken ? { token: internalToken } : {}) }) : undefined);
  const providers = buildSttProviders(config, { ...(orders ? { orders } : {}), log });
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
