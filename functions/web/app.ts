import type { Context } from 'hono';
import { createApp } from '../../shared/http/create-app.ts';
import { mountHealthz } from '../../shared/http/function-module.ts';
import type { Logger } from '../../shared/http/logger.ts';
import type { AppEnv } from '../../shared/http/app-env.ts';
import { mountOpenApi } from '../../shared/openapi/mount-openapi.ts';
import type { Assets } from './assets.ts';
import { API_NAMES, type ApiBases } from './config.ts';
import { buildCsp } from './csp.ts';
import { createDocsApp, type DocsDeps } from './docs/docs-app.ts';
import { createLegacyApp, type LegacyDeps } from './legacy/legacy-app.ts';
import { asOrderServiceAppError } from '../../shared/order-client/order-service-error.ts';
import { WEB_DOC } from './openapi.ts';
import { PageShell, pickLang, type PageKind } from './shell.tsx';

export type WebAppDeps = {
  log: Logger;
  allowedOrigins?: string[];
  trustProxyHops?: number;
  /** The browser bundles (customer.js, staff.css, …). */
  assets: Assets;
  /** Sibling base URLs (Modal); a missing one is this page's own origin. */
  apiBases: ApiBases;
  /** AssemblyAI's streaming WebSocket origin, which the customer page connects to with a grant. */
  streamingSocketOrigin?: string;
  /** Extra paths for the customer page besides `/` (the local server's `/` is the API welcome). */
  customerPaths?: string[];
  /** The original Python system's routes, mounted under /legacy (README: Moving from the Python version). */
  legacy?: LegacyDeps;
  /** The /docs page (API reference of every function). */
  docs?: DocsDeps;
};

const CUSTOMER_PATH = '/order-here';

export function createWebApp({
  log,
  allowedOrigins,
  trustProxyHops,
  assets,
  apiBases,
  streamingSocketOrigin = 'wss://streaming.assemblyai.com',
  customerPaths = [CUSTOMER_PATH],
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
  mountHealthz(app, 'web', async () => ({ status: assets.has('customer.js') ? 'ok' : 'down', assets: assets.size }));

  app.use(async (c, next) => {
    await next();
    // /docs sets its own (Scalar injects its stylesheet).
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });

  const configFor = (c: Context<AppEnv>) => {
    const origin = new URL(c.req.url).origin;
    return Object.fromEntries(API_NAMES.map((name) => [name, apiBases[name] ?? origin]));
  };

  const page = (kind: PageKind) => (c: Context<AppEnv>) => {
    c.header('Cache-Control', 'no-cache');
    c.header('Vary', 'Accept-Language');
    return c.html(`<!doctype html>${PageShell({ page: kind, lang: pickLang(c.req.header('accept-language')), assets, config: configFor(c) })}`);
  };
  for (const path of ['/', ...customerPaths]) app.get(path, page('customer'));
  app.get('/staff', page('staff'));
  app.get('/display', page('display'));
  app.get('/owner', page('owner'));

  app.get('/config.json', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json(configFor(c));
  });

  app.get('/assets/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return c.json({ error: { code: 'not_found', message: 'no such asset' } }, 404);
    c.header('Content-Type', asset.type);
    c.header('ETag', asset.etag);
    // Pages link assets with ?v=<hash>, so a versioned URL never changes content.
    c.header('Cache-Control', c.req.query('v') ? 'public, max-age=31536000, immutable' : 'no-cache');
    c.header('Vary', 'Accept-Encoding');
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    if (gzip) c.header('Content-Encoding', 'gzip');
    return c.body((gzip ? asset.gzip : asset.body) as Uint8Array<ArrayBuffer>);
  });

  if (legacy) app.route('/legacy', createLegacyApp(legacy));
  app.route('/docs', createDocsApp(docs));
  mountOpenApi(app, WEB_DOC);
  return app;
}
