import type Database from 'better-sqlite3';

// Past orders written straight through the real schema (raw INSERTs in one transaction, ~100k
// orders in seconds), for the snapshot tests and bench: a shop's history, not its live traffic.

export type HistoryOptions = { count: number; firstId?: number; status?: 'completed' | 'placed'; startMs?: number };

/** Inserts `count` orders (one line and one status event each), 200 a day, with ids from `firstId`. */
export function insertOrderHistory(sqlite: Database.Database, opts: HistoryOptions): void {
  const first = opts.firstId ?? 1;
  const status = opts.status ?? 'completed';
  const start = opts.startMs ?? Date.UTC(2025, 0, 1, 8);
  const order = sqlite.prepare(
    'INSERT INTO orders (id, business_day, pickup_number, status, total, drink_count, customer_name, session_id, channel, created_at, updated_at) ' +
      "VALUES (?, ?, ?, ?, 1800, 1, NULL, NULL, 'counter', ?, ?)",
  );
  const line = sqlite.prepare(
    'INSERT INTO order_lines (id, order_id, position, item_id, size, sugar, ice, toppings, quantity, unit_price, line_total, name_zh, name_en, topping_prices) ' +
      "VALUES (?, ?, 0, 'pearl-milk-tea', 'L', 50, 'light', '[\"pudding\"]', 1, 1800, 1800, '珍珠奶茶', 'Pearl Milk Tea', '[250]')",
  );
  const event = sqlite.prepare("INSERT INTO order_status_events (order_id, from_status, to_status, at) VALUES (?, NULL, 'placed', ?)");
  sqlite.transaction(() => {
    for (let n = first; n < first + opts.count; n++) {
      const at = new Date(start + n * 432_000); // 200 orders a day
      const iso = at.toISOString();
      const id = `ord_${String(n).padStart(12, '0')}`;
      order.run(id, iso.slice(0, 10), (n % 200) + 1, status, iso, iso); // 200 in a row: distinct numbers within a day
      line.run(`line_${n}`, id);
      event.run(id, iso);
    }
  })();
}
