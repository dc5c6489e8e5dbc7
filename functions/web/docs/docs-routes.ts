import type { RouteDoc } from '../../../shared/openapi/route-doc.ts';

const DOCUMENTED_FUNCTIONS = ['order', 'chat', 'stt', 'tts', 'health', 'web'] as const;

export const DOCS_ROUTES: RouteDoc[] = [
  {
    method: 'GET',
    path: '/docs',
    summary: 'The interactive API reference of every function',
    tag: 'docs',
    responses: { 200: { description: 'the page', media: ['text/html'] } },
  },
  {
    method: 'GET',
    path: '/docs/docs.js',
    summary: 'The reference page’s script',
    tag: 'docs',
    responses: { 200: { description: 'JavaScript', media: ['text/javascript'] } },
  },
  {
    method: 'GET',
    path: '/docs/scalar.js',
    summary: 'Scalar’s API reference bundle (MIT), served by us',
    tag: 'docs',
    responses: { 200: { description: 'JavaScript (gzip when accepted)', media: ['text/javascript'] } },
    errors: { 503: ['docs_bundle_missing'] },
  },
  {
    method: 'GET',
    path: '/docs/openapi/:name',
    summary: 'Any function’s OpenAPI document, from here',
    tag: 'docs',
    params: { name: { description: DOCUMENTED_FUNCTIONS.join(', ') } },
    responses: { 200: { description: 'the OpenAPI 3.1 document' } },
    errors: { 404: ['not_found'] },
  },
];
