import { type FunctionRoutes, functionDoc } from '../../shared/http/route-table.ts';
import { HealthCheckShape } from '../../shared/openapi/response-shapes.ts';
import { DOCS_ROWS, type DocsRouteDeps } from './docs/docs-routes.ts';
import type { LegacyRouteDeps } from './legacy/legacy-app.ts';
import { LEGACY_ROWS } from './legacy/legacy-routes.ts';
import { mountedAt } from './mounted-at.ts';
import { PAGE_ROWS, type PageRouteDeps } from './page-routes.ts';

/** What the web routes need, built once per app (app.ts). */
export type WebRouteDeps = PageRouteDeps & {
  docs: DocsRouteDeps;
  /** The original Python system's routes (README: Moving from the Python version); without them /legacy is not served. */
  legacy?: LegacyRouteDeps;
};

export const WEB_ROUTES: FunctionRoutes<WebRouteDeps> = {
  name: 'web',
  title: 'tea-order-agent · web',
  description: 'The shop’s faces: pages, this API reference (/docs), and /legacy, the compatibility layer for the original system’s React UIs.',
  checkShape: HealthCheckShape,
  rows: [
    ...PAGE_ROWS,
    ...mountedAt('/docs', DOCS_ROWS, (deps: WebRouteDeps) => deps.docs),
    ...mountedAt('/legacy', LEGACY_ROWS, (deps: WebRouteDeps) => deps.legacy),
  ],
};

export const WEB_DOC = functionDoc(WEB_ROUTES);
