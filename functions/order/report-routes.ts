import { ReportSummaryShape } from '../../shared/openapi/response-shapes.ts';
import { ReportQuerySchema } from '../../shared/reports/report-range.ts';
import { route } from './order-route.ts';

// The owner's day at a glance (GET /reports/summary) and its orders for a spreadsheet (GET /reports/orders.csv).

const summary = route(
  {
    method: 'GET',
    path: '/reports/summary',
    summary: 'The owner’s report: sales, drinks, waiting times, channels, the agent’s record (owner)',
    description:
      'Shop days from `from` to `to` (YYYY-MM-DD in SHOP_TIMEZONE, inclusive, at most 366; both default to today). Every figure is defined in the README ("The owner’s report").',
    tag: 'reports',
    auth: 'owner',
    query: ReportQuerySchema,
    responses: { 200: { description: 'the figures', schema: ReportSummaryShape } },
    errors: ['invalid_range', 'range_too_long'],
  },
  ({ service }) =>
    async (c) =>
      c.json(await service.reports.summary(c.req.valid('query'))),
);

const ordersCsv = route(
  {
    method: 'GET',
    path: '/reports/orders.csv',
    summary: 'Every order line of a range of days, as CSV (owner)',
    description:
      'One row per order line: time (shop time), pickup number, drink (zh, en), size, sugar, ice, toppings, quantity, unit price and line total in yuan, status, channel. UTF-8 with a BOM (Excel reads Chinese); streamed.',
    tag: 'reports',
    auth: 'owner',
    query: ReportQuerySchema,
    responses: { 200: { description: 'the CSV file', media: ['text/csv'] } },
    errors: ['invalid_range', 'range_too_long'],
  },
  ({ service }) =>
    (c) => {
      const { from, to, stream } = service.reports.ordersCsv(c.req.valid('query'));
      return c.body(stream, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="orders-${from}${from === to ? '' : `-to-${to}`}.csv"`,
        'Cache-Control': 'no-store',
      });
    },
);

export const REPORT_ROWS = [summary, ordersCsv];
