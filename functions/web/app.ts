import { createApp } from '../../shared/http/create-app.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { mountRoutes } from '../../shared/http/route-table.ts';
import { asOrderServiceAppError } from '../../shared/order-client/order-service-error.ts';
import { buildCsp } from './csp.ts';
import { type DocsDeps, docsRouteDeps } from './docs/docs-deps.ts';
import { type LegacyDeps, legacyRouteDeps } from './legacy/legacy-app.ts';
import type { PageRouteDeps } from './page-routes.ts';
import { WEB_ROUTES } from './routes.ts';

export type WebAppDeps = PageRouteDeps & {
  log: Logger;
  allowedOrigins?: string[];
  trustProxyHops?: number;
  /** AssemblyAI's streaming WebSocket origin, which the customer page connects to with a grant. */
  streamingSocketOrigin?: string;
  /** The original Python system's routes, mounted under /legacy (README: Moving from the Python version). */
  legacy?: LegacyDeps;
  /** The /docs page (API reference of every function). */
  docs?: DocsDeps;
};

export function createWebApp({
  log,
  allowedOrigins,
  trustProxyHops,
  assets,
  apiBases,
  streamingSocketOrigin = 'wss://streaming.assemblyai.com',
  legacy,
  docs = {},
}: WebAppDeps) {
  const app = createApp({
    name: 'web',
    log,
    toAppError: asOrderServiceAppError,
    ...(allowedOrigins ? { allowedOrigins } : {}),
    ...(trustProxyHops !== undefined ? { trustProxyHops } : {}),
  });
  const csp = buildCsp(apiBases, [streamingSocketOrigin]);

  app.use(async (c, next) => {
    await next();
    // /docs sets its own (Scalar injects its stylesheet).
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });

  mountRoutes(app, WEB_ROUTES, {
    deps: { assets, apiBases, docs: docsRouteDeps(docs), ...(legacy ? { legacy: legacyRouteDeps(legacy) } : {}) },
    check: async () => ({ status: assets.has('customer.js') ? 'ok' : 'down', assets: assets.size }),
  });
  return app;
}
