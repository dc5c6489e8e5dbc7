import { createApp } from '../../shared/http/create-app.ts';
import { mountHealthz } from '../../shared/http/function-module.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { mountOpenApi } from '../../shared/openapi/mount-openapi.ts';
import { createDocsApp, type DocsDeps } from './docs/docs-app.ts';
import { createLegacyApp, type LegacyDeps } from './legacy/legacy-app.ts';
import { WEB_DOC } from './openapi.ts';

export type WebAppDeps = { log: Logger; allowedOrigins?: string[]; legacy: LegacyDeps; docs?: DocsDeps };

// Minimal on this branch: only the compatibility layer. The pages live with the web function proper.
export function createWebApp({ log, allowedOrigins, legacy, docs = {} }: WebAppDeps) {
  const app = createApp({ name: 'web', log, ...(allowedOrigins ? { allowedOrigins } : {}) });
  mountHealthz(app, 'web', async () => ({ status: 'ok' }));
  app.route('/legacy', createLegacyApp(legacy));
  app.route('/docs', createDocsApp(docs));
  mountOpenApi(app, WEB_DOC);
  return app;
}
