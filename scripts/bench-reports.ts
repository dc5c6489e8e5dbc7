// npm run bench:reports — the owner's report on a year of a busy shop (BENCH_ORDERS, default
// 180,000 orders over 365 days): the summary for one day and for the year (targets ≤ 50 ms and
// ≤ 1 s), and POST /orders p99 at 50/s while year reports run back to back, as a ratio to the
// same load with no report (target ≤ 1.5). In process, on a file database, so the report and the
// orders share one event loop as they do in the order function.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findMigrationsFolder, openDb } from '../shared/db/open-db.ts';
import { createOrderService } from '../shared/orders/order-service.ts';
import { nextDay } from '../shared/reports/report-range.ts';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 180_000);
const DAYS = 365;
const LAST_DAY = '2026-12-06';
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rate = 50;

const migrationsFolder = findMigrationsFolder();
const opened = openDb(join(mkdtempSync(join(tmpdir(), 'tea-bench-reports-')), 'orders.db'), migrationsFolder);
const now = () => new Date(`${LAST_DAY}T12:00:00+08:00`);
const service = createOrderService({ opened, migrationsFolder, timeZone: 'Asia/Shanghai', secondsPerDrink: 60, now });
const line = { itemId: 'oolong-milk-tea', size: 'M', sugar: 50, ice: 'none', toppings: ['pudding'], quantity: 1 };

function seed() {
  const { sqlite } = opened;
  const order = sqlite.prepare(
    `INSERT INTO orders (id, business_day, pickup_number, status, total, drink_count, channel, created_at, updated_at) VALUES (?, ?, ?, ?, 1750, 1, ?, ?, ?)`,
  );
  const lineRow = sqlite.prepare(
    `INSERT INTO order_lines (id, order_id, position, item_id, size, sugar, ice, toppings, quantity, unit_price, line_total, name_zh, name_en, topping_prices)
     VALUES (?, ?, 0, 'oolong-milk-tea', 'M', 50, 'none', '["pudding"]', 1, 1750, 1750, '乌龙奶茶', 'Oolong Milk Tea', '[250]')`,
  );
  const event = sqlite.prepare(`INSERT INTO order_status_events (order_id, from_status, to_status, at) VALUES (?, ?, ?, ?)`);
  const turn = sqlite.prepare(
    `INSERT INTO chat_turns (session_id, business_day, at, provider, input, source, cart_lines, placed_order_id) VALUES (?, ?, ?, 'rules', 'text', 'chat', 0, ?)`,
  );
  const perDay = Math.ceil(ORDERS / DAYS);
  let day = new Date(Date.parse(`${LAST_DAY}T00:00:00Z`) - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  let n = 0;
  sqlite.transaction(() => {
    for (let d = 0; d < DAYS; d += 1, day = nextDay(day)) {
      for (let k = 1; k <= perDay && n < ORDERS; k += 1, n += 1) {
        const placed = Date.parse(`${day}T01:00:00Z`) + k * 90_000;
        const iso = (ms: number) => new Date(ms).toISOString();
        const id = `ord_${n}`;
        order.run(id, day, k, 'completed', k % 3 ? 'counter' : 'chat_text', iso(placed), iso(placed + 600_000));
        lineRow.run(`ln_${n}`, id);
        event.run(id, null, 'placed', iso(placed));
        event.run(id, 'placed', 'ready', iso(placed + 300_000));
        event.run(id, 'ready', 'completed', iso(placed + 600_000));
        if (k % 3 === 0) turn.run(`s_${n}`, day, iso(placed), id);
      }
    }
  })();
}

async function time(run: () => Promise<unknown>, times: number): Promise<number> {
  const durations: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    await run();
    durations.push(performance.now() - started);
  }
  return durations.sort((a, b) => a - b)[Math.floor(durations.length / 2)]!;
}

/** POST /orders (the service call behind it) at a fixed rate; the p99 of its latencies. */
async function orderLoad(): Promise<number> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const started = performance.now();
    pending.push(service.createOrder({ lines: [line] }).then(() => void latencies.push(performance.now() - started)));
    await sleep(1000 / rate);
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return latencies[Math.floor(latencies.length * 0.99)]!;
}

const seedStarted = performance.now();
seed();
console.log(`seeded ${ORDERS} orders over ${DAYS} days in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
const firstDay = new Date(Date.parse(`${LAST_DAY}T00:00:00Z`) - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
const dayMs = await time(() => service.reports.summary({ from: LAST_DAY, to: LAST_DAY }), 20);
const yearMs = await time(() => service.reports.summary({ from: firstDay, to: LAST_DAY }), 3);
const quiet = await orderLoad();
let reporting = true;
let reports = 0;
const background = (async () => {
  while (reporting) {
    await service.reports.summary({ from: firstDay, to: LAST_DAY });
    reports += 1;
  }
})();
const busy = await orderLoad();
reporting = false;
await background;
opened.close();

console.log(`summary, one day:   ${dayMs.toFixed(1)} ms (target ≤ 50)`);
console.log(`summary, the year:  ${yearMs.toFixed(0)} ms (target ≤ 1000)`);
console.log(
  `POST /orders p99 at ${rate}/s: ${quiet.toFixed(2)} ms alone, ${busy.toFixed(2)} ms during ${reports} year reports: ratio ${(busy / quiet).toFixed(2)} (target ≤ 1.5)`,
);
