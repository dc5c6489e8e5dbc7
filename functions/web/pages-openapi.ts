import * as v from 'valibot';
import { pageRoute, type RouteDoc } from '../../shared/openapi/route-doc.ts';

const ConfigShape = v.strictObject({ order: v.string(), chat: v.string(), stt: v.string(), tts: v.string() });

/** The pages, their bundles and /config.json (functions/web/app.ts). */
export const PAGE_ROUTES: RouteDoc[] = [
  pageRoute('/', 'The customer ordering page (on Modal; the local server’s / is the API welcome)'),
  pageRoute('/order-here', 'The customer ordering page'),
  pageRoute('/staff', 'The staff board (asks for the staff token)'),
  pageRoute('/display', 'The pickup screen for a TV facing customers'),
  pageRoute('/owner', 'The owner’s page: the menu editor (asks for the owner token)'),
  {
    method: 'GET',
    path: '/config.json',
    summary: 'Base URLs of the order, chat, stt and tts APIs for the pages',
    tag: 'pages',
    responses: { 200: { description: 'one base URL per API (the page’s own origin locally)', schema: ConfigShape } },
  },
  {
    method: 'GET',
    path: '/assets/:name',
    summary: 'A page bundle (customer.js, staff.css, …); ?v=<hash> URLs are immutable',
    tag: 'pages',
    params: { name: { description: 'file name, e.g. customer.js' } },
    responses: {
      200: { description: 'the file (gzip when accepted)', media: ['text/javascript', 'text/css'] },
      304: { description: 'not modified (If-None-Match)' },
      404: { description: 'no such asset', schema: v.object({ error: v.object({ code: v.literal('not_found'), message: v.string() }) }) },
    },
  },
];
