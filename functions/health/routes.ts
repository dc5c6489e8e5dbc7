import type { HealthCheck, HealthStatus } from '../../shared/http/function-module.ts';
import { HTTP_ERRORS } from '../../shared/http/http-errors.ts';
import { type FunctionRoutes, functionDoc, routeTable } from '../../shared/http/route-table.ts';
import { AggregateHealthShape, HealthCheckShape, WelcomeShape } from '../../shared/openapi/response-shapes.ts';
import { APP_NAME, APP_VERSION } from '../../shared/version.ts';

/** What the health routes need (app.ts). */
export type HealthRouteDeps = {
  /** Each function's own check, by name (in process locally, over HTTP on Modal). */
  checks: Record<string, () => Promise<HealthCheck>>;
  /** Public base URL per function; a missing one means "same origin as this request". */
  urls: Partial<Record<string, string>>;
  /** Every function's routes, by function name: the endpoint map. */
  functionRoutes: () => Record<string, string[]>;
  checkTimeoutMs: number;
};

const route = routeTable<HealthRouteDeps, keyof typeof HTTP_ERRORS.statuses>(HTTP_ERRORS);

const welcome = route(
  {
    method: 'GET',
    path: '/',
    summary: 'Welcome: every function’s URL and routes',
    tag: 'operations',
    responses: { 200: { description: 'the endpoint map', schema: WelcomeShape } },
  },
  ({ urls, functionRoutes }) =>
    (c) => {
      const origin = new URL(c.req.url).origin;
      const endpoints = Object.fromEntries(Object.entries(functionRoutes()).map(([name, routes]) => [name, { url: urls[name] ?? origin, routes }]));
      return c.json({ name: APP_NAME, version: APP_VERSION, endpoints });
    },
);

const shopHealth = route(
  {
    method: 'GET',
    path: '/health',
    summary: 'Health of the whole shop',
    description: 'down when the order function is down (no orders can be taken), degraded when anything else is.',
    tag: 'operations',
    responses: { 200: { description: 'ok or degraded', schema: AggregateHealthShape }, 503: { description: 'down', schema: AggregateHealthShape } },
  },
  ({ checks, checkTimeoutMs }) =>
    async (c) => {
      const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await withTimeout(check, checkTimeoutMs)] as const));
      const results = Object.fromEntries(entries);
      const status = overallStatus(results);
      return c.json({ status, version: APP_VERSION, checks: results }, status === 'down' ? 503 : 200);
    },
);

/** Order down means no orders can be taken: the shop is down. Anything else down is degraded. */
export function overallStatus(checks: Record<string, HealthCheck>): HealthStatus {
  if (checks.order?.status === 'down') return 'down';
  return Object.values(checks).every((check) => check.status === 'ok') ? 'ok' : 'degraded';
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

export const HEALTH_ROUTES: FunctionRoutes<HealthRouteDeps> = {
  name: 'health',
  title: 'tea-order-agent · health',
  description: 'Welcome and the aggregate health of every function.',
  checkShape: HealthCheckShape,
  rows: [welcome, shopHealth],
};

export const HEALTH_DOC = functionDoc(HEALTH_ROUTES);
