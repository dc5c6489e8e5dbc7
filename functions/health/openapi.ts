import { commonRoutes, type FunctionDoc, type RouteDoc } from '../../shared/openapi/route-doc.ts';
import { AggregateHealthShape, HealthCheckShape, WelcomeShape } from '../../shared/openapi/response-shapes.ts';

export const HEALTH_ROUTES: RouteDoc[] = [
  ...commonRoutes('health', HealthCheckShape),
  {
    method: 'GET',
    path: '/',
    summary: 'Welcome: every function’s URL and routes',
    tag: 'operations',
    responses: { 200: { description: 'the endpoint map', schema: WelcomeShape } },
  },
  {
    method: 'GET',
    path: '/health',
    summary: 'Health of the whole shop',
    description: 'down when the order function is down (no orders can be taken), degraded when anything else is.',
    tag: 'operations',
    responses: { 200: { description: 'ok or degraded', schema: AggregateHealthShape }, 503: { description: 'down', schema: AggregateHealthShape } },
  },
];

export const HEALTH_DOC: FunctionDoc = {
  name: 'health',
  title: 'tea-order-agent · health',
  description: 'Welcome and the aggregate health of every function.',
  routes: HEALTH_ROUTES,
};
