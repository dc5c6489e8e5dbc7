import type Database from 'better-sqlite3';
import type { Catalog } from '../menu/catalog.ts';
import { utcOffsetMinutes } from './report-range.ts';
import * as v from 'valibot';
import { formatYuan } from '../money.ts';

// GET /reports/orders.csv: one row per order line, UTF-8 with a BOM (Excel then reads Chinese
// correctly). Streamed a page at a time by keyset (day, pickup number, line), each page its own
// statement: an open better-sqlite3 iterator would keep the connection busy across the waits.

const PAGE = 1000;
const CSV_HEADER = [
  'time',
  'pickup_number',
  'drink',
  'drink_en',
  'size',
  'sugar',
  'ice',
  'toppings',
  'quantity',
  'unit_price_yuan',
  'line_total_yuan',
  'status',
  'channel',
];

/** order_lines.toppings: a JSON array of topping ids. */
const ToppingIds = v.array(v.string());

type LineRow = {
  day: string;
  pickup: number;
  position: number;
  createdAt: string;
  itemId: string;
  nameZh: string | null;
  nameEn: string | null;
  size: string;
  sugar: number;
  ice: string;
  toppings: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  status: string;
  channel: string | null;
};

/** RFC 4180 quoting; a text cell that a spreadsheet would run as a formula gets a leading apostrophe. */
function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const yuan = (fen: number) => formatYuan(fen, { symbol: false });

export function prepareOrdersCsv(sqlite: Database.Database) {
  const page = sqlite.prepare<
    { from: string; to: string; day: string; pickup: number; position: number },
    LineRow
  >(`SELECT o.business_day AS day, o.pickup_number AS pickup, l.position AS position, o.created_at AS createdAt,
      l.item_id AS itemId, l.name_zh AS nameZh, l.name_en AS nameEn, l.size, l.sugar, l.ice, l.toppings, l.quantity,
      l.unit_price AS unitPrice, l.line_total AS lineTotal, o.status, o.channel
    FROM orders o JOIN order_lines l ON l.order_id = o.id
    WHERE o.business_day BETWEEN @from AND @to AND (o.business_day, o.pickup_number, l.position) > (@day, @pickup, @position)
    ORDER BY o.business_day, o.pickup_number, l.position LIMIT ${PAGE}`);

  /** The CSV as a stream of UTF-8 chunks: header first, then a page of lines per pull. */
  return function ordersCsv(range: { from: string; to: string }, timeZone: string, catalog: Catalog): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    const offsets = new Map<string, number>();
    const localTime = (day: string, iso: string) => {
      let offset = offsets.get(day);
      if (offset === undefined) offsets.set(day, (offset = utcOffsetMinutes(day, timeZone)));
      return new Date(Date.parse(iso) + offset * 60_000).toISOString().slice(0, 19).replace('T', ' ');
    };
    const label = (kind: 'size' | 'ice', id: string) => (kind === 'size' ? catalog.size(id) : catalog.iceLevel(id))?.name.zh ?? id;
    const row = (line: LineRow) =>
      [
        localTime(line.day, line.createdAt),
        line.pickup,
        line.nameZh ?? line.itemId,
        line.nameEn ?? line.itemId,
        label('size', line.size),
        catalog.sugarLevel(line.sugar)?.name.zh ?? `${line.sugar}%`,
        label('ice', line.ice),
        v
          .parse(ToppingIds, JSON.parse(line.toppings))
          .map((id) => catalog.topping(id)?.name.zh ?? id)
          .join('+'),
        line.quantity,
        yuan(line.unitPrice),
        yuan(line.lineTotal),
        line.status,
        line.channel ?? 'unknown',
      ]
        .map(csvCell)
        .join(',');
    let after = { day: '', pickup: 0, position: 0 };
    let started = false;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(`\uFEFF${CSV_HEADER.join(',')}\r\n`));
          return;
        }
        const lines = page.all({ ...range, ...after });
        if (lines.length === 0) {
          controller.close();
          return;
        }
        const last = lines.at(-1)!;
        after = { day: last.day, pickup: last.pickup, position: last.position };
        controller.enqueue(encoder.encode(`${lines.map(row).join('\r\n')}\r\n`));
      },
    });
  };
}
