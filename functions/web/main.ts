import { readHttpConfig } from '../../shared/config/http-config.ts';
import type { OpenFunction } from '../../shared/http/function-module.ts';
import { isEntryPoint, runStandalone } from '../../shared/http/serve.ts';
import { createWebApp } from './app.ts';
import { buildLegacyDeps } from './legacy/legacy-deps.ts';

export const openFunction: OpenFunction = async (deps) => {
  const { allowedOrigins } = readHttpConfig(deps.env);
  const app = createWebApp({ log: deps.log, allowedOrigins, legacy: buildLegacyDeps(deps) });
  deps.log.info('web ready', { fn: 'web' });
  return { name: 'web', app, prefixes: ['/legacy', '/healthz/web'], check: async () => ({ status: 'ok' }), close: async () => {} };
};

if (isEntryPoint(import.meta.url)) void runStandalone('web', openFunction, process.env);
