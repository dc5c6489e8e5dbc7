import { commonRoutes, type FunctionDoc, type RouteDoc } from '../../shared/openapi/route-doc.ts';
import { HealthCheckShape } from '../../shared/openapi/response-shapes.ts';
import { DOCS_ROUTES } from './docs/docs-routes.ts';
import { LEGACY_ROUTES } from './legacy/legacy-openapi.ts';
import { PAGE_ROUTES } from './pages-openapi.ts';

export const WEB_ROUTES: RouteDoc[] = [...commonRoutes('web', HealthCheckShape), ...PAGE_ROUTES, ...DOCS_ROUTES, ...LEGACY_ROUTES];

export const WEB_DOC: FunctionDoc = {
  name: 'web',
  title: 'tea-order-agent · web',
  description: 'The shop’s faces: pages, this API reference (/docs), and /legacy, the compatibility layer for the original system’s React UIs.',
  routes: WEB_ROUTES,
};
