import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { CodeOf } from '../../../shared/error-catalog.ts';
import { HTTP_ERRORS } from '../../../shared/http/http-errors.ts';
import { type RouteRow, routeTable } from '../../../shared/http/route-table.ts';
import { buildDocument } from '../../../shared/openapi/build-document.ts';
import type { FunctionDoc } from '../../../shared/openapi/route-doc.ts';
import { WEB_ERRORS } from '../web-errors.ts';
import { DOCS_CLIENT_JS } from './docs-client.ts';
import { DOCS_CSP, DOCS_HTML } from './docs-page.ts';

export const DOCUMENTED_FUNCTIONS = ['order', 'chat', 'stt', 'tts', 'health', 'web'] as const;

/** What the /docs rows need; `documents` comes from docs-deps.ts (web's own is built from these rows). */
export type DocsRouteDeps = {
  /** Scalar's standalone bundle on disk (see locateScalarBundle); missing → /docs/scalar.js is 503. */
  scalarBundlePath?: string;
  documents: Record<(typeof DOCUMENTED_FUNCTIONS)[number], FunctionDoc>;
};

const route = routeTable<DocsRouteDeps, CodeOf<typeof WEB_ERRORS>>(WEB_ERRORS);

// Paths are the sub-app's own: the web function serves them under /docs (routes.ts).

const page = route(
  {
    method: 'GET',
    path: '/',
    summary: 'The interactive API reference of every function',
    tag: 'docs',
    responses: { 200: { description: 'the page', media: ['text/html'] } },
  },
  () => (c) => {
    c.header('Content-Security-Policy', DOCS_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    return c.html(DOCS_HTML);
  },
);

const script = route(
  {
    method: 'GET',
    path: '/docs.js',
    summary: 'The reference page’s script',
    tag: 'docs',
    responses: { 200: { description: 'JavaScript', media: ['text/javascript'] } },
  },
  () => (c) => c.body(DOCS_CLIENT_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }),
);

const scalarBundle = route(
  {
    method: 'GET',
    path: '/scalar.js',
    summary: 'Scalar’s API reference bundle (MIT), served by us',
    tag: 'docs',
    responses: { 200: { description: 'JavaScript (gzip when accepted)', media: ['text/javascript'] } },
    errors: ['docs_bundle_missing'],
  },
  ({ scalarBundlePath }) => {
    let bundle: Promise<{ plain: Buffer; gzip: Buffer }> | undefined;
    return async (c) => {
      if (!scalarBundlePath) throw WEB_ERRORS.raise('docs_bundle_missing', 'the API reference bundle is missing: run npm run build');
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
    };
  },
);

const document = route(
  {
    method: 'GET',
    path: '/openapi/:name',
    summary: 'Any function’s OpenAPI document, from here',
    tag: 'docs',
    params: { name: { description: DOCUMENTED_FUNCTIONS.join(', ') } },
    responses: { 200: { description: 'the OpenAPI 3.1 document' } },
    errors: ['not_found'],
  },
  ({ documents }) => {
    const byName = new Map<string, FunctionDoc>(Object.entries(documents));
    const built = new Map<string, object>();
    return (c) => {
      const name = c.req.param('name');
      const fn = byName.get(name);
      if (!fn) throw HTTP_ERRORS.raise('not_found', `no function named ${name}; try ${[...byName.keys()].join(', ')}`);
      let answer = built.get(name);
      if (!answer) built.set(name, (answer = buildDocument(fn)));
      return c.json(answer);
    };
  },
);

export const DOCS_ROWS: RouteRow<DocsRouteDeps>[] = [page, script, scalarBundle, document];
