import { readHttpConfig } from '../../shared/config/http-config.ts';
import type { OpenFunction } from '../../shared/http/function-module.ts';
import { isEntryPoint, runStandalone } from '../../shared/http/serve.ts';
import { createWebApp } from './app.ts';
import { locateScalarBundle } from './docs/scalar-bundle.ts';
import { buildLegacyDeps } from './legacy/legacy-deps.ts';

export const openFunction: OpenFunction = async (deps) => {
  const { allowedOrigins } = readHttpConfig(deps.env);
  const app = createWebApp({ log: deps.log, allowedOrigins, legacy: buildLegacyDeps(deps), docs: { scalarBundlePath: locateScalarBundle(import.meta.url) } });
  deps.log.info('web ready', { fn: 'web' });
  return { name: 'web', app, prefixes: ['/legacy', '/docs', '/healthz/web'], check: async () => ({ status: 'ok' }), close: async () => {} };
};

if (isEntryPoint(import.meta.url)) void runStandalone('web', openFunction, process.env);
