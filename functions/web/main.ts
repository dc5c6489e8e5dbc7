import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHttpConfig } from '../../shared/config/http-config.ts';
import type { OpenFunction } from '../../shared/http/function-module.ts';
import { isEntryPoint, runStandalone } from '../../shared/http/serve.ts';
import { createWebApp } from './app.ts';
import { loadAssets } from './assets.ts';
import { readApiBases, readStreamingSocketOrigin } from './config.ts';
import { locateScalarBundle } from './docs/scalar-bundle.ts';
import { buildLegacyDeps } from './legacy/legacy-deps.ts';

/** esbuild writes the browser bundles to dist/web-assets/, beside dist/web.mjs (WEB_ASSETS_DIR overrides it, for tests run from source). */
export const ASSETS_DIR_NAME = 'web-assets';

export const openFunction: OpenFunction = async (deps) => {
  const { env, log } = deps;
  const { allowedOrigins, trustProxyHops } = readHttpConfig(env);
  const assetsDir = env.WEB_ASSETS_DIR ?? join(dirname(fileURLToPath(import.meta.url)), ASSETS_DIR_NAME);
  const assets = loadAssets(assetsDir);
  if (!assets.has('customer.js')) throw new Error(`the page bundles are missing (${assetsDir}); run npm run build`);
  const app = createWebApp({
    log,
    allowedOrigins,
    trustProxyHops,
    assets,
    apiBases: readApiBases(env),
    streamingSocketOrigin: readStreamingSocketOrigin(env),
    legacy: buildLegacyDeps(deps),
    docs: { scalarBundlePath: locateScalarBundle(import.meta.url) },
  });
  return {
    name: 'web',
    app,
    check: async () => ({ status: 'ok' }),
    close: async () => {},
  };
};

if (isEntryPoint(import.meta.url)) void runStandalone('web', openFunction, process.env);
