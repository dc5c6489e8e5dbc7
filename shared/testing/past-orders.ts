// A shop's history, generated fast through the real schema and migrations: `orders` past orders
// at ~500 a day over the months before today (lines, status events, agent turns), and today's
// work on top (a queue of active orders, today's completed ones, today's sessions and keys).
// Raw batched inserts in one transaction, no journal while building: 500k orders in seconds.
// Used by `npm run bench:history` and the history-bound test.
import Database from 'better-sqlite3';
import { findMigrationsFolder, openDb } from '../db/open-db.ts';
import { defaultMenuDefinition } from '../menu/load-menu-file.ts';
import { businessDayOf } from '../orders/business-day.ts';
import { CHAT_TURN_RETENTION_DAYS } from '../orders/chat-turn-log.ts';

export const ORDERS_PER_DAY = 500;
const DAY_MS = 86_400_000;
const STATUSES = ['placed', 'preparing', 'ready', 'completed'] as const;
/** When each status is reached, in seconds after the order is placed. */
const STEP_SECONDS = [0, 60, 240, 420];

// Status events and agent turns are derived from the orders in SQL (most of the rows, no JS
// per row), in each order's sequence.
const EVENTS_SQL = `
  WITH steps(k, from_status, to_status, seconds) AS (VALUES ${STATUSES.map((to, k) => `(${k}, ${k ? `'${STATUSES[k - 1]}'` : 'NULL'}, '${to}', ${STEP_SECONDS[k]})`).join(', ')}, (9, 'placed', 'cancelled', 30))
  INSERT INTO order_status_events (order_id, from_status, to_status, at)
  SELECT o.id, s.from_status, s.to_status, strftime('%Y-%m-%dT%H:%M:%fZ', o.created_at, '+' || s.seconds || ' seconds')
  FROM orders o CROSS JOIN steps s
  WHERE s.k <= CASE o.status WHEN 'preparing' THEN 1 WHEN 'ready' THEN 2 WHEN 'completed' THEN 3 ELSE 0 END OR (s.k = 9 AND o.status = 'cancelled')`;
const TURNS_SQL = `
  WITH turns(k) AS (VALUES (0), (1), (2), (3))
  INSERT INTO chat_turns (session_id, business_day, at, provider, input, source, cart_lines, placed_order_id)
  SELECT o.session_id, o.business_day, strftime('%Y-%m-%dT%H:%M:%fZ', o.created_at, '-' || ((4 - t.k) * 20) || ' seconds'), 'rules',
         CASE o.channel WHEN 'chat_voice' THEN 'voice' ELSE 'text' END, 'chat', t.k, CASE t.k WHEN 3 THEN o.id END
  FROM orders o CROSS JOIN turns t WHERE o.session_id IS NOT NULL AND o.created_at >= @from`;

export type PastOrders = {
  /** Today's orders still waiting (placed, preparing, ready), oldest first. */
  active: { id: string; pickupCode: string }[];
  /** Orders in the file, today's included. */
  orders: number;
  buildMs: number;
};

/** A small deterministic PRNG (mulberry32): the same history for the same size, every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Ids shaped like the service's own (time first, then random base64url), with historic times. */
function idMaker(rand: () => number) {
  let lastMs = -1;
  let same = 0;
  return (prefix: string, ms: number, randomChars: number) => {
    same = ms === lastMs ? same + 1 : 0;
    lastMs = ms;
    let tail = '';
    for (let i = 0; i < randomChars; i += 1) tail += ID_CHARS[Math.floor(rand() * 64)];
    return `${prefix}${ms.toString(36).padStart(9, '0')}${same.toString(36).padStart(3, '0')}${tail}`;
  };
}

/**
 * Builds `path` (which must not exist) with `orders` past orders before `now`'s shop day and
 * `activeToday` active orders today, plus a day's completed orders, sessions and idempotency keys.
 */
export function buildPastOrders({
  path,
  orders,
  now = new Date(),
  timeZone = 'Asia/Shanghai',
  activeToday = 15,
  agentTurns = true,
}: {
  path: string;
  orders: number;
  now?: Date;
  timeZone?: string;
  activeToday?: number;
  /** The owner's report's agent turns (most of the build's time after the orders); off for tests of the queue. */
  agentTurns?: boolean;
}): PastOrders {
  const started = performance.now();
  openDb(path, findMigrationsFolder()).close(); // the real schema, through the migrations
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -2097152'); // up to 2 GB: the whole file stays in memory while building
  const menu = defaultMenuDefinition();
  const items = menu.items;
  const toppingPrice = new Map(menu.toppings.map((topping) => [topping.id, topping.price]));
  const rand = random(orders + 1);
  const newId = idMaker(rand);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

  const insertOrder = sqlite.prepare(
    `INSERT INTO orders (id, business_day, pickup_number, status, total, drink_count, customer_name, session_id, channel, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertLine = sqlite.prepare(
    `INSERT INTO order_lines (id, order_id, position, item_id, size, sugar, ice, toppings, quantity, unit_price, line_total, name_zh, name_en, topping_prices)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSession = sqlite.prepare(
    `INSERT INTO sessions (id, version, state, lang, cart, draft, history, pending, read_back, last_order_id, created_at, updated_at)
     VALUES (?, ?, 'placed', 'zh', '[]', NULL, ?, NULL, NULL, ?, ?, ?)`,
  );
  const insertKey = sqlite.prepare(`INSERT INTO idempotency_keys (scope, key, request_hash, status, response, created_at) VALUES ('orders', ?, ?, 201, ?, ?)`);

  const iso = (ms: number) => new Date(ms).toISOString();
  const today = businessDayOf(now, timeZone);
  const active: PastOrders['active'] = [];
  let pickup = 0;
  let day = '';

  /** One order placed at `placedMs`; `steps` of placed → preparing → ready → completed happen, or it is cancelled. */
  // The shop day of an instant, remembered per minute (offsets are whole minutes; Intl is slow).
  let dayMinute = Number.NaN;
  let minuteDay = '';
  const dayOf = (ms: number) => {
    const minute = Math.floor(ms / 60_000);
    if (minute !== dayMinute) {
      dayMinute = minute;
      minuteDay = businessDayOf(new Date(ms), timeZone);
    }
    return minuteDay;
  };

  function order(placedMs: number, steps: 0 | 1 | 2 | 3 | 'cancelled'): string {
    const orderDay = dayOf(placedMs);
    if (orderDay !== day) {
      day = orderDay;
      pickup = 0;
    }
    pickup += 1;
    const id = newId('ord_', placedMs, 14);
    const lineCount = rand() < 0.6 ? 1 : rand() < 0.75 ? 2 : 3;
    const lines = Array.from({ length: lineCount }, () => {
      const item = pick(items);
      const size = pick(Object.keys(item.prices));
      const toppings = rand() < 0.5 ? [] : [pick(menu.toppings).id];
      const quantity = rand() < 0.85 ? 1 : 2;
      const unitPrice = item.prices[size]! + toppings.reduce((sum, topping) => sum + (toppingPrice.get(topping) ?? 0), 0);
      return { item, size, toppings, quantity, unitPrice };
    });
    const channel = pick(['counter', 'counter', 'chat_text', 'chat_voice'] as const);
    const sessionId = channel === 'counter' ? null : crypto.randomUUID();
    const status = steps === 'cancelled' ? 'cancelled' : STATUSES[steps];
    const updatedMs = placedMs + (steps === 'cancelled' ? 30_000 : STEP_SECONDS[steps]! * 1000);
    insertOrder.run(
      id,
      orderDay,
      pickup,
      status,
      lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0),
      lines.reduce((sum, line) => sum + line.quantity, 0),
      rand() < 0.3 ? pick(['Li', 'Wang', 'Chen', 'Sam', '小张']) : null,
      sessionId,
      channel,
      iso(placedMs),
      iso(updatedMs),
    );
    lines.forEach((line, position) =>
      insertLine.run(
        newId('ln_', placedMs, 8),
        id,
        position,
        line.item.id,
        line.size,
        pick(line.item.sugar ?? menu.sugar.map((level) => level.id)),
        pick(line.item.ice ?? ['regular', 'light', 'none']),
        JSON.stringify(line.toppings),
        line.quantity,
        line.unitPrice,
        line.unitPrice * line.quantity,
        line.item.name.zh,
        line.item.name.en,
        JSON.stringify(line.toppings.map((topping) => toppingPrice.get(topping) ?? 0)),
      ),
    );
    return id;
  }

  // Secondary indexes are dropped while loading and built again after, from their own
  // definitions (one sort each instead of a B-tree insert per row): the schema ends up the same.
  const indexes = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  for (const { name } of indexes) sqlite.exec(`DROP INDEX "${name}"`);

  sqlite.transaction(() => {
    // The past: ORDERS_PER_DAY a day, 10:00–22:00 shop time, every one finished. The oldest
    // TEMPLATE_DAYS are made here; the later days are copies of them moved on in time (SQL, no
    // JS per row), so a big history costs little more than its inserts.
    const todayStart = Date.parse(`${today}T00:00:00Z`) - offsetMs(now, timeZone);
    const days = Math.ceil(orders / ORDERS_PER_DAY);
    const template = Math.min(orders, TEMPLATE_DAYS * ORDERS_PER_DAY);
    for (let n = 0; n < template; n += 1) {
      const dayIndex = Math.floor(n / ORDERS_PER_DAY);
      const dayStart = todayStart - (days - dayIndex) * DAY_MS;
      const placed = dayStart + 10 * 3_600_000 + Math.floor(((n % ORDERS_PER_DAY) / ORDERS_PER_DAY) * 12 * 3_600_000);
      order(placed, rand() < 0.03 ? 'cancelled' : 3);
    }
    copyForward(sqlite, template, orders);
    // Today: 40 completed this morning, then the queue, placed over the last minutes.
    const recentFrom = Math.max(todayStart, now.getTime() - 3 * 3_600_000);
    for (let k = 0; k < 40; k += 1) order(recentFrom + k * 60_000, 3);
    for (let k = 0; k < activeToday; k += 1) {
      const placed = now.getTime() - (activeToday - k) * 20_000;
      const steps = k < activeToday / 5 ? 2 : k < activeToday / 2 ? 1 : 0;
      active.push({ id: order(placed, steps), pickupCode: String(pickup) });
    }
    // A day's conversations and keys (older ones are pruned by retention.ts).
    const history = JSON.stringify(
      Array.from({ length: 12 }, (_, k) => ({
        role: k % 2 ? 'assistant' : 'user',
        content: k % 2 ? '好的，一杯大杯珍珠奶茶，半糖少冰。还要别的吗？' : '我要一杯大杯珍珠奶茶',
      })),
    );
    for (let k = 0; k < ORDERS_PER_DAY; k += 1) {
      const at = iso(now.getTime() - DAY_MS + k * (DAY_MS / ORDERS_PER_DAY));
      insertSession.run(crypto.randomUUID(), 6, history, null, at, at);
      if (k % 2 === 0) insertKey.run(`kiosk-${k}`, 'f'.repeat(64), JSON.stringify({ id: `ord_${k}`, pickupCode: String(k), status: 'placed' }), at);
    }
    sqlite.exec(EVENTS_SQL);
    // Agent turns are kept CHAT_TURN_RETENTION_DAYS (chat-turn-log.ts).
    if (agentTurns) sqlite.prepare(TURNS_SQL).run({ from: new Date(now.getTime() - CHAT_TURN_RETENTION_DAYS * DAY_MS).toISOString() });
    for (const { sql } of indexes) sqlite.exec(sql);
  })();
  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  return { active, orders: orders + 40 + activeToday, buildMs: performance.now() - started };
}

const TEMPLATE_DAYS = 20;

/**
 * Fills orders `template`..`total` with copies of the first `template` orders (and their lines),
 * each copy TEMPLATE_DAYS later than the one before: ids keep their shape (the time part moved
 * on), days and timestamps move with them.
 */
function copyForward(sqlite: Database.Database, template: number, total: number): void {
  if (template === 0 || total <= template) return;
  sqlite.function('moved_id', { deterministic: true }, (id: unknown, ms: unknown) => {
    const text = String(id);
    const at = text.indexOf('_') + 1;
    const moved = (Number.parseInt(text.slice(at, at + 9), 36) + Number(ms)).toString(36).padStart(9, '0');
    return `${text.slice(0, at)}${moved}${text.slice(at + 9)}`;
  });
  const lastLine = sqlite.prepare('SELECT max(rowid) FROM order_lines').pluck().get() as number;
  const copyOrders =
    sqlite.prepare(`INSERT INTO orders (id, business_day, pickup_number, status, total, drink_count, customer_name, session_id, channel, created_at, updated_at)
    SELECT moved_id(id, @ms), date(business_day, @days), pickup_number, status, total, drink_count, customer_name,
           CASE WHEN session_id IS NULL THEN NULL ELSE substr(session_id, 1, 28) || printf('%08d', @copy) END, channel,
           strftime('%Y-%m-%dT%H:%M:%fZ', created_at, @days), strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, @days)
    FROM orders WHERE rowid <= @limit ORDER BY rowid`);
  const copyLines =
    sqlite.prepare(`INSERT INTO order_lines (id, order_id, position, item_id, size, sugar, ice, toppings, quantity, unit_price, line_total, name_zh, name_en, topping_prices)
    SELECT moved_id(l.id, @ms), moved_id(l.order_id, @ms), l.position, l.item_id, l.size, l.sugar, l.ice, l.toppings, l.quantity, l.unit_price, l.line_total, l.name_zh, l.name_en, l.topping_prices
    FROM order_lines l WHERE l.rowid <= @lastLine AND l.order_id IN (SELECT id FROM orders WHERE rowid <= @limit) ORDER BY l.rowid`);
  for (let copy = 1; copy * template < total; copy += 1) {
    const params = { ms: copy * TEMPLATE_DAYS * DAY_MS, days: `+${copy * TEMPLATE_DAYS} days`, copy, limit: Math.min(template, total - copy * template) };
    copyOrders.run(params);
    copyLines.run({ ...params, lastLine });
  }
}

/** The time zone's offset from UTC at `instant`, in ms (Asia/Shanghai: +8 h). */
function offsetMs(instant: Date, timeZone: string): number {
  const formatted = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const parts = Object.fromEntries(formatted.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  return asUtc - Math.floor(instant.getTime() / 60_000) * 60_000;
}
