import type Database from 'better-sqlite3';
import type { Catalog } from '../menu/catalog.ts';
import { prepareDayQueries } from './day-queries.ts';
import { prepareOrdersCsv } from './orders-csv.ts';
import { buildSummary, type ReportSummary } from './report-summary.ts';
import { reportDays, todayIn } from './report-range.ts';

export type ReportRange = { from?: string; to?: string };

/** The owner's reports over the shop's own data: the summary of a range of days and its orders as CSV. */
export function createReports({ sqlite, timeZone, now, catalog }: { sqlite: Database.Database; timeZone: string; now: () => Date; catalog: () => Catalog }) {
  const queries = prepareDayQueries(sqlite);
  const ordersCsv = prepareOrdersCsv(sqlite);
  const daysOf = (range: ReportRange) => reportDays(range, todayIn(timeZone, now()));
  return {
    summary: async (range: ReportRange): Promise<ReportSummary> => buildSummary(queries, daysOf(range), timeZone, catalog()),
    ordersCsv(range: ReportRange): { from: string; to: string; stream: ReadableStream<Uint8Array> } {
      const days = daysOf(range);
      const span = { from: days[0]!, to: days.at(-1)! };
      return { ...span, stream: ordersCsv(span, timeZone, catalog()) };
    },
  };
}

export type Reports = ReturnType<typeof createReports>;
