import type { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { buildDocument } from './build-document.ts';
import type { FunctionDoc } from './route-doc.ts';

/** GET /openapi.json: the function's own document, built once on first request. */
export function mountOpenApi(app: Hono<AppEnv>, fn: FunctionDoc): void {
  let document: object | undefined;
  app.get('/openapi.json', (c) => c.json((document ??= buildDocument(fn))));
}
