import { createApp } from '../../shared/http/create-app.ts';
import { mountHealthz } from '../../shared/http/function-module.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { createLegacyApp, type LegacyDeps } from './legacy/legacy-app.ts';

export type WebAppDeps = { log: Logger; allowedOrigins?: string[]; legacy: LegacyDeps };

// Minimal on this branch: only the compatibility layer. The pages live with the web function proper.
export function createWebApp({ log, allowedOrigins, legacy }: WebAppDeps) {
  const app = createApp({ name: 'web', log, ...(allowedOrigins ? { allowedOrigins } : {}) });
  mountHealthz(app, 'web', async () => ({ status: 'ok' }));
  app.route('/legacy', createLegacyApp(legacy));
  return app;
}
