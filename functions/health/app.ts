import { createApp } from '../../shared/http/create-app.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { mountRoutes } from '../../shared/http/route-table.ts';
import type { FunctionDoc, RouteDoc } from '../../shared/openapi/route-doc.ts';
import { CHAT_DOC } from '../chat/routes.ts';
import { ORDER_DOC } from '../order/routes.ts';
import { STT_DOC } from '../stt/routes.ts';
import { TTS_DOC } from '../tts/routes.ts';
import { WEB_DOC } from '../web/routes.ts';
import { HEALTH_DOC, HEALTH_ROUTES, type HealthRouteDeps } from './routes.ts';

/** Every function's routes, from the very rows that register them. */
export function listFunctionRoutes(docs: readonly FunctionDoc[]): Record<string, string[]> {
  const tagged = (route: RouteDoc) => `${route.method} ${route.path}${route.auth === 'staff' || route.auth === 'owner' ? ` (${route.auth})` : ''}`;
  return Object.fromEntries(docs.map((doc) => [doc.name, doc.routes.map(tagged)]));
}

export type HealthAppDeps = Omit<HealthRouteDeps, 'functionRoutes' | 'checkTimeoutMs'> & {
  log: Logger;
  allowedOrigins?: string[];
  trustProxyHops?: number;
  checkTimeoutMs?: number;
};

export function createHealthApp({ log, allowedOrigins, trustProxyHops = 0, checks, urls, checkTimeoutMs = 3000 }: HealthAppDeps) {
  const app = createApp({ name: 'health', log, trustProxyHops, ...(allowedOrigins ? { allowedOrigins } : {}) });
  const functionRoutes = listFunctionRoutes([ORDER_DOC, CHAT_DOC, STT_DOC, TTS_DOC, HEALTH_DOC, WEB_DOC]);
  mountRoutes(app, HEALTH_ROUTES, { deps: { checks, urls, checkTimeoutMs, functionRoutes: () => functionRoutes }, check: async () => ({ status: 'ok' }) });
  return app;
}
