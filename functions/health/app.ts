import { createApp } from '../../shared/http/create-app.ts';
import { mountHealthz, type HealthCheck, type HealthStatus } from '../../shared/http/function-module.ts';
import { mountOpenApi } from '../../shared/openapi/mount-openapi.ts';
import type { FunctionDoc, RouteDoc } from '../../shared/openapi/route-doc.ts';
import { CHAT_DOC } from '../chat/openapi.ts';
import { ORDER_DOC } from '../order/openapi.ts';
import { STT_DOC } from '../stt/routes.ts';
import { TTS_DOC } from '../tts/openapi.ts';
import { WEB_DOC } from '../web/routes.ts';
import { HEALTH_DOC } from './openapi.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { APP_NAME, APP_VERSION } from '../../shared/version.ts';

/** Every function's routes, from the same tables that document them (functions/openapi.test.ts holds each to its app). */
export function listFunctionRoutes(docs: readonly FunctionDoc[]): Record<string, string[]> {
  const tagged = (route: RouteDoc) => `${route.method} ${route.path}${route.auth === 'staff' || route.auth === 'owner' ? ` (${route.auth})` : ''}`;
  return Object.fromEntries(docs.map((doc) => [doc.name, doc.routes.map(tagged)]));
}

const FUNCTION_ROUTES = listFunctionRoutes([ORDER_DOC, CHAT_DOC, STT_DOC, TTS_DOC, HEALTH_DOC, WEB_DOC]);

export type HealthAppDeps = {
  log: Logger;
  allowedOrigins?: string[];
  trustProxyHops?: number;
  /** Each function's own check, by name (in process locally, over HTTP on Modal). */
  checks: Record<string, () => Promise<HealthCheck>>;
  /** Public base URL per function; a missing one means "same origin as this request". */
  urls: Partial<Record<string, string>>;
  checkTimeoutMs?: number;
};

/** Order down means no orders can be taken: the shop is down. Anything else down is degraded. */
export function overallStatus(checks: Record<string, HealthCheck>): HealthStatus {
  if (checks.order?.status === 'down') return 'down';
  return Object.values(checks).every((check) => check.status === 'ok') ? 'ok' : 'degraded';
}

export function createHealthApp({ log, allowedOrigins, trustProxyHops = 0, checks, urls, checkTimeoutMs = 3000 }: HealthAppDeps) {
  const app = createApp({ name: 'health', log, trustProxyHops, ...(allowedOrigins ? { allowedOrigins } : {}) });
  mountHealthz(app, 'health', async () => ({ status: 'ok' }));
  mountOpenApi(app, HEALTH_DOC);

  app.get('/', (c) => {
    const origin = new URL(c.req.url).origin;
    const endpoints = Object.fromEntries(Object.entries(FUNCTION_ROUTES).map(([name, routes]) => [name, { url: urls[name] ?? origin, routes }]));
    return c.json({ name: APP_NAME, version: APP_VERSION, endpoints });
  });

  app.get('/health', async (c) => {
    const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await withTimeout(check, checkTimeoutMs)] as const));
    const results = Object.fromEntries(entries);
    const status = overallStatus(results);
    return c.json({ status, version: APP_VERSION, checks: results }, status === 'down' ? 503 : 200);
  });
  return app;
}

async function withTimeout(check: () => Promise<HealthCheck>, ms: number): Promise<HealthCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthCheck>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'down', reason: `no answer within ${ms} ms` }), ms);
  });
  try {
    return await Promise.race([
      check().catch((err: unknown) => ({ status: 'down' as const, reason: err instanceof Error ? err.message : 'check failed' })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
