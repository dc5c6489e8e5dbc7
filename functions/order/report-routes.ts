import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../shared/http/app-env.ts';
import { queryParams } from '../../shared/http/validate.ts';
import type { Reports } from '../../shared/reports/reports.ts';
import { ReportQuerySchema } from '../../shared/reports/report-range.ts';

/** The owner's day at a glance (GET /reports/summary) and its orders for a spreadsheet (GET /reports/orders.csv). */
export function mountReportRoutes(app: Hono<AppEnv>, { reports, owner }: { reports: Reports; owner: MiddlewareHandler<AppEnv> }) {
  app.get('/reports/summary', owner, queryParams(ReportQuerySchema), async (c) => c.json(await reports.summary(c.req.valid('query'))));

  app.get('/reports/orders.csv', owner, queryParams(ReportQuerySchema), (c) => {
    const { from, to, stream } = reports.ordersCsv(c.req.valid('query'));
    return c.body(stream, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="orders-${from}${from === to ? '' : `-to-${to}`}.csv"`,
      'Cache-Control': 'no-store',
    });
  });
}
