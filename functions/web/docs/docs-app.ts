import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { AppError } from '../../../shared/errors.ts';
import type { AppEnv } from '../../../shared/http/app-env.ts';
import { buildDocument } from '../../../shared/openapi/build-document.ts';
import type { FunctionDoc } from '../../../shared/openapi/route-doc.ts';
import { CHAT_DOC } from '../../chat/routes.ts';
import { HEALTH_DOC } from '../../health/routes.ts';
import { ORDER_DOC } from '../../order/routes.ts';
import { STT_DOC } from '../../stt/routes.ts';
import { TTS_DOC } from '../../tts/routes.ts';
import { WEB_DOC } from '../openapi.ts';
import { DOCS_CLIENT_JS } from './docs-client.ts';
import { DOCS_CSP, DOCS_HTML } from './docs-page.ts';

export type DocsDeps = {
  /** Scalar's standalone bundle on disk (see locateScalarBundle); missing → /docs/scalar.js is 503. */
  scalarBundlePath?: string;
};

const DOCUMENTS: Record<string, FunctionDoc> = { order: ORDER_DOC, chat: CHAT_DOC, stt: STT_DOC, tts: TTS_DOC, health: HEALTH_DOC, web: WEB_DOC };

/** /docs: an interactive reference of every function, entirely served by this function (works offline). */
export function createDocsApp({ scalarBundlePath }: DocsDeps) {
  const app = new Hono<AppEnv>();
  const built = new Map<string, object>();
  let bundle: Promise<{ plain: Buffer; gzip: Buffer }> | undefined;

  app.get('/', (c) => {
    c.header('Content-Security-Policy', DOCS_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    return c.html(DOCS_HTML);
  });

  app.get('/docs.js', (c) => c.body(DOCS_CLIENT_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }));

  app.get('/scalar.js', async (c) => {
    if (!scalarBundlePath) throw new AppError(503, 'docs_bundle_missing', 'the API reference bundle is missing: run npm run build');
    bundle ??= readFile(scalarBundlePath).then((plain) => ({ plain, gzip: gzipSync(plain) }));
    const { plain, gzip } = await bundle;
    const zipped = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const body = zipped ? gzip : plain;
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=86400',
      Vary: 'Accept-Encoding',
      ...(zipped ? { 'Content-Encoding': 'gzip' } : {}),
    });
  });

  app.get('/openapi/:name', (c) => {
    const fn = DOCUMENTS[c.req.param('name')];
    if (!fn) throw new AppError(404, 'not_found', `no function named ${c.req.param('name')}; try ${Object.keys(DOCUMENTS).join(', ')}`);
    if (!built.has(fn.name)) built.set(fn.name, buildDocument(fn));
    return c.json(built.get(fn.name)!);
  });

  return app;
}
