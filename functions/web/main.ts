import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHttpConfig } from '../../shared/config/http-config.ts';
import type { OpenFunction } from '../../shared/http/function-module.ts';
import { isEntryPoint, runStandalone } from '../../shared/http/serve.ts';
import { createWebApp, CUSTOMER_PATH } from './app.ts';
import { loadAssets } from './assets.ts';
import { readApiBases } from './config.ts';

/** esbuild writes the browser bundles to dist/web-assets/, beside dist/web.mjs. */
export const ASSETS_DIR_NAME = 'web-assets';

export const openFunction: OpenFunction = async ({ env, log }) => {
  const { allowedOrigins } = readHttpConfig(env);
  const assets = loadAssets(join(dirname(fileURLToPath(import.meta.url)), ASSETS_DIR_NAME));
  if (!assets.has('customer.js')) throw new Error(`the page bundles are missing (${ASSETS_DIR_NAME}/); run npm run build`);
  const app = createWebApp({ log, allowedOrigins, assets, apiBases: readApiBases(env) });
  return {
    name: 'web',
    app,
    prefixes: [CUSTOMER_PATH, '/staff', '/display', '/assets', '/config.json', '/healthz/web'],
    check: async () => ({ status: 'ok' }),
    close: async () => {},
  };
};

if (isEntryPoint(import.meta.url)) void runStandalone('web', openFunction, process.env);
