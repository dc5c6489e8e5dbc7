import type Database from 'better-sqlite3';

// One shop day's figures, each computed by SQLite from what the database holds. A report runs
// them day by day (report-summary.ts) so that a year's report never holds the event loop for
// long. `@offset` is the day's "+480 minutes" (the shop clock's lead on UTC) for hours.

export type DayTotals = { orders: number; cups: number; revenue: number; cancelled: number; cancelledValue: number };
export type HourRow = { hour: number; orders: number; revenue: number };
export type DrinkRow = { itemId: string; nameZh: string | null; nameEn: string | null; cups: number; revenue: number };
export type ToppingRow = { toppingId: string; cups: number; revenue: number };
export type WaitRow = { hour: number; seconds: number };
export type CountRow = { key: string; count: number };

export type DayParams = { day: string; offset: string };

export function prepareDayQueries(sqlite: Database.Database) {
  // Each statement declares the row shape its SQL selects (better-sqlite3's type parameters).
  const all = <T>(sql: string) => {
    const statement = sqlite.prepare<DayParams, T>(sql);
    return (params: DayParams) => statement.all(params);
  };
  const count = (sql: string) => {
    const statement = sqlite.prepare<DayParams, number>(sql).pluck();
    return (params: DayParams) => statement.get(params) ?? 0;
  };
  const placedOrders = `FROM orders o WHERE o.business_day = @day AND o.status <> 'cancelled'`;
  const totals = sqlite.prepare<DayParams, DayTotals>(`SELECT
      coalesce(sum(status <> 'cancelled'), 0) AS orders,
      coalesce(sum(CASE WHEN status <> 'cancelled' THEN drink_count END), 0) AS cups,
      coalesce(sum(CASE WHEN status <> 'cancelled' THEN total END), 0) AS revenue,
      coalesce(sum(status = 'cancelled'), 0) AS cancelled,
      coalesce(sum(CASE WHEN status = 'cancelled' THEN total END), 0) AS cancelledValue
    FROM orders WHERE business_day = @day`);
  return {
    // An aggregate without GROUP BY always gives one row.
    totals: (params: DayParams) => totals.get(params) ?? { orders: 0, cups: 0, revenue: 0, cancelled: 0, cancelledValue: 0 },
    perHour: all<HourRow>(`SELECT CAST(strftime('%H', o.created_at, @offset) AS INTEGER) AS hour, count(*) AS orders, sum(o.total) AS revenue
      ${placedOrders} GROUP BY hour`),
    drinks: all<DrinkRow>(`SELECT l.item_id AS itemId, max(l.name_zh) AS nameZh, max(l.name_en) AS nameEn, sum(l.quantity) AS cups, sum(l.line_total) AS revenue
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE o.business_day = @day AND o.status <> 'cancelled' GROUP BY l.item_id`),
    // A topping's revenue is its price on the line (kept with the order) times the cups.
    toppings: all<ToppingRow>(`SELECT t.value AS toppingId, sum(l.quantity) AS cups,
        sum(l.quantity * coalesce(json_extract(l.topping_prices, '$[' || t.key || ']'), 0)) AS revenue
      FROM order_lines l JOIN orders o ON o.id = l.order_id, json_each(l.toppings) t
      WHERE o.business_day = @day AND o.status <> 'cancelled' GROUP BY t.value`),
    /** Seconds from placed to ready, by the hour the order was placed. */
    placedToReady: all<WaitRow>(`SELECT CAST(strftime('%H', o.created_at, @offset) AS INTEGER) AS hour,
        (julianday(r.at) - julianday(o.created_at)) * 86400.0 AS seconds
      FROM orders o JOIN order_status_events r ON r.order_id = o.id AND r.to_status = 'ready'
      WHERE o.business_day = @day`),
    /** Seconds from ready to picked up (completed). */
    readyToPickup: all<WaitRow>(`SELECT CAST(strftime('%H', o.created_at, @offset) AS INTEGER) AS hour,
        (julianday(c.at) - julianday(r.at)) * 86400.0 AS seconds
      FROM orders o JOIN order_status_events r ON r.order_id = o.id AND r.to_status = 'ready'
        JOIN order_status_events c ON c.order_id = o.id AND c.to_status = 'completed'
      WHERE o.business_day = @day`),
    channels: all<CountRow>(`SELECT coalesce(o.channel, 'unknown') AS key, count(*) AS count ${placedOrders} GROUP BY key`),
    turns: all<CountRow>(`SELECT provider AS key, count(*) AS count FROM chat_turns WHERE business_day = @day GROUP BY provider`),
    /** Conversations whose last turn of the day left a cart behind (a placing turn empties it). */
    // With max(), SQLite takes the bare column (cart_lines) from the row holding the max: each
    // conversation's last turn of the day, from the day's index alone (no index per session,
    // which cost ~120 bytes per order for this one query).
    abandoned: count(`SELECT count(*) FROM (
        SELECT cart_lines, max(id) FROM chat_turns WHERE business_day = @day GROUP BY session_id
      ) WHERE cart_lines > 0`),
    confirmed: count(`SELECT count(*) FROM chat_turns WHERE business_day = @day AND placed_order_id IS NOT NULL`),
  };
}

export type DayQueries = ReturnType<typeof prepareDayQueries>;
