import type { Context } from 'hono';
import * as v from 'valibot';
import type { CodeOf } from '../../shared/error-catalog.ts';
import type { AppEnv } from '../../shared/http/app-env.ts';
import { HTTP_ERRORS } from '../../shared/http/http-errors.ts';
import { type RouteRow, routeTable } from '../../shared/http/route-table.ts';
import { pageRoute } from '../../shared/openapi/route-doc.ts';
import type { Assets } from './assets.ts';
import { API_NAMES, type ApiBases } from './config.ts';
import { type PageKind, PageShell, pickLang } from './shell.tsx';
import { WEB_ERRORS } from './web-errors.ts';

/** What the pages, their bundles and /config.json need. */
export type PageRouteDeps = {
  /** The browser bundles (customer.js, staff.css, …). */
  assets: Assets;
  /** Sibling base URLs (Modal); a missing one is this page's own origin. */
  apiBases: ApiBases;
};

const route = routeTable<PageRouteDeps, CodeOf<typeof WEB_ERRORS>>(WEB_ERRORS);

const ConfigShape = v.strictObject({ order: v.string(), chat: v.string(), stt: v.string(), tts: v.string() });

const configFor = (c: Context<AppEnv>, apiBases: ApiBases) => {
  const origin = new URL(c.req.url).origin;
  return Object.fromEntries(API_NAMES.map((name) => [name, apiBases[name] ?? origin]));
};

/** One of the pages: its server-rendered shell, in the language the browser asks for. */
function page<P extends string>(path: P, kind: PageKind, summary: string) {
  const { method, tag, responses } = pageRoute(path, summary);
  return route({ method, path, summary, tag, responses }, ({ assets, apiBases }) => (c) => {
    c.header('Cache-Control', 'no-cache');
    c.header('Vary', 'Accept-Language');
    return c.html(`<!doctype html>${PageShell({ page: kind, lang: pickLang(c.req.header('accept-language')), assets, config: configFor(c, apiBases) })}`);
  });
}

const config = route(
  {
    method: 'GET',
    path: '/config.json',
    summary: 'Base URLs of the order, chat, stt and tts APIs for the pages',
    tag: 'pages',
    responses: { 200: { description: 'one base URL per API (the page’s own origin locally)', schema: ConfigShape } },
  },
  ({ apiBases }) =>
    (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.json(configFor(c, apiBases));
    },
);

const asset = route(
  {
    method: 'GET',
    path: '/assets/:name',
    summary: 'A page bundle (customer.js, staff.css, …); ?v=<hash> URLs are immutable',
    tag: 'pages',
    params: { name: { description: 'file name, e.g. customer.js' } },
    responses: {
      200: { description: 'the file (gzip when accepted)', media: ['text/javascript', 'text/css'] },
      304: { description: 'not modified (If-None-Match)' },
    },
    errors: ['not_found'],
  },
  ({ assets }) =>
    (c) => {
      const asset = assets.get(c.req.param('name'));
      if (!asset) throw HTTP_ERRORS.raise('not_found', 'no such asset');
      c.header('Content-Type', asset.type);
      c.header('ETag', asset.etag);
      // Pages link assets with ?v=<hash>, so a versioned URL never changes content.
      c.header('Cache-Control', c.req.query('v') ? 'public, max-age=31536000, immutable' : 'no-cache');
      c.header('Vary', 'Accept-Encoding');
      if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
      const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
      if (gzip) c.header('Content-Encoding', 'gzip');
      // Cast: Hono's body wants an ArrayBuffer-backed view; the assets are Buffers read from disk at start.
      return c.body((gzip ? asset.gzip : asset.body) as Uint8Array<ArrayBuffer>);
    },
);

/** The pages (on Modal `/` is the customer's; the local server's `/` is the API welcome), their bundles and /config.json. */
export const PAGE_ROWS: RouteRow<PageRouteDeps>[] = [
  page('/', 'customer', 'The customer ordering page (on Modal; the local server’s / is the API welcome)'),
  page('/order-here', 'customer', 'The customer ordering page'),
  page('/staff', 'staff', 'The staff board (asks for the staff token)'),
  page('/display', 'display', 'The pickup screen for a TV facing customers'),
  page('/owner', 'owner', 'The owner’s page: the menu editor (asks for the owner token)'),
  config,
  asset,
];
