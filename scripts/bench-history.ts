// npm run bench:history — does a shop's history cost anything? (issue 22)
//
// For databases of 0, 10k, 100k and 500k past orders (shared/testing/past-orders.ts: the real
// schema and migrations, ~500 orders a day over the months before today, lines, status events,
// agent turns, today's queue, sessions and keys), against the real order function over loopback:
//   - the hot routes' p50/p99, one request at a time: GET /queue, GET /orders?limit=1 (staff),
//     an order's view GET /orders/:id, GET /orders/lookup?pickupCode=, GET /menu;
//   - POST /orders p99 at 50/s offered with two /queue/ws watchers connected, without snapshots
//     and in snapshot mode as on Modal (DB_SNAPSHOT_PATH, 1 s throttle), and the server's longest
//     event-loop block meanwhile;
//   - the snapshot (bench-history-snapshot.ts): duration, bytes written, longest block;
//   - the file's size.
// Each figure is also shown as a ratio to an empty database's measured just before it. Targets at
// 500k: every latency within 1.5x of the empty database's, no event-loop block over 20 ms.
//
//   npm run bench:history -- [--sizes 0,10000,100000,500000] [--quick] [--seconds N] [--out file.json]
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPastOrders } from '../shared/testing/past-orders.ts';
import { closedLoop, type Latencies, ordersAtRate, watchQueue } from './bench-history-load.ts';
import { startOrderServer, type LoopStats } from './bench-history-server.ts';
import { measureSnapshots, type SnapshotCost } from './bench-history-snapshot.ts';
import { bytesByObject, measureRetention, type RetentionCost } from './bench-history-upkeep.ts';

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '0,10000,100000,500000' },
    quick: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    out: { type: 'string', default: 'reports/bench-history.json' },
  },
});
const sizes = flags.sizes.split(',').map((size) => Number(size.replace(/k$/i, '000')));
if (sizes.some((size) => !Number.isInteger(size) || size < 0)) throw new Error(`--sizes: whole numbers of orders, e.g. 0,10000,100000: ${flags.sizes}`);
if (!sizes.includes(0)) sizes.unshift(0); // the baseline every ratio is against
const seconds = Number(flags.seconds ?? (flags.quick ? 2 : 5));
const postSeconds = flags.quick ? 4 : 10;
const RATE = 50;
const WATCHERS = 2;
const STAFF_TOKEN = 'bench-history-staff-token-0123';
const tmp = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), 'tea-bench-history-'));

type SizeResult = {
  orders: number;
  buildMs: number;
  fileBytes: number;
  routes: Record<string, Latencies>;
  post: { plain: Latencies & { loop: LoopStats; pushes: number }; snapshotMode: Latencies & { loop: LoopStats; pushes: number } };
  snapshot: { first: SnapshotCost; afterOneOrder: SnapshotCost };
  retention: RetentionCost;
  bytesByObject: Record<string, number>;
};

const fileSize = (path: string) => ['', '-wal'].reduce((sum, suffix) => sum + (statSync(path + suffix, { throwIfNoEntry: false })?.size ?? 0), 0);

/** The server's slow moments during a phase, in a line: its longest stall split by cause, slow commits, GC. */
function whatStalled({ timeline }: LoopStats): string {
  const stalls = timeline.filter((e) => e.kind === 'stall').sort((a, b) => b.ms - a.ms);
  const commits = timeline.filter((e) => e.kind === 'sql');
  const gc = timeline.filter((e) => e.kind === 'gc');
  const top = stalls[0];
  const ms = (value = 0) => value.toFixed(0);
  return (
    `${stalls.length} stalls > 10 ms${top ? ` (longest ${ms(top.ms)} ms: running ${ms(top.busyMs)}, waiting for a core ${ms(top.waitingMs)}, blocked ${ms(top.blockedMs)})` : ''}, ` +
    `${commits.length} statements > 10 ms${commits.length ? ` (longest ${ms(Math.max(...commits.map((e) => e.ms)))} ms)` : ''}, ${gc.length} GC > 10 ms`
  );
}

async function postPhase(server: Awaited<ReturnType<typeof startOrderServer>>) {
  await server.settled();
  const watchers = await watchQueue(server.url, WATCHERS);
  server.resetLoop();
  const latencies = await ordersAtRate({ base: server.url, rate: RATE, seconds: postSeconds, staffToken: STAFF_TOKEN });
  const loop = await server.loopStats();
  return { ...latencies, loop, pushes: watchers.close() };
}

async function measure(orders: number): Promise<SizeResult> {
  const dir = join(tmp, String(orders));
  mkdirSync(dir);
  const dbPath = join(dir, 'tea_orders.db');
  const built = buildPastOrders({ path: dbPath, orders });
  console.log(`\n${orders} past orders: built in ${(built.buildMs / 1000).toFixed(1)} s, ${(fileSize(dbPath) / 1e6).toFixed(1)} MB`);
  // PROBE_SLOW_MS: the server keeps a timeline of its stalls, slow commits and GC pauses (in the JSON).
  const env = { DB_PATH: dbPath, STAFF_TOKEN, ORDER_RATE_LIMIT_PER_MINUTE: '1000000', PROBE_SLOW_MS: '10' };

  const server = await startOrderServer(env);
  await server.settled();
  const staff = { authorization: `Bearer ${STAFF_TOKEN}` };
  const waiting = built.active.at(-1)!; // the last in the queue: its view counts everyone ahead
  const routes: SizeResult['routes'] = {};
  for (const [name, path, headers] of [
    ['GET /queue', '/queue', {}],
    ['GET /orders?limit=1 (staff)', '/orders?limit=1', staff],
    ['GET /orders/:id', `/orders/${waiting.id}`, {}],
    ['GET /orders/lookup', `/orders/lookup?pickupCode=${waiting.pickupCode}`, {}],
    ['GET /menu', '/menu', {}],
  ] as const) {
    routes[name] = await closedLoop(`${server.url}${path}`, headers, seconds);
    console.log(`  ${name.padEnd(28)} p50 ${routes[name].p50.toFixed(2)} ms  p99 ${routes[name].p99.toFixed(2)} ms  (${routes[name].count})`);
  }
  const plain = await postPhase(server);
  await server.stop();
  console.log(
    `  POST /orders ${RATE}/s, ${WATCHERS} watchers: p99 ${plain.p99.toFixed(2)} ms, longest block ${plain.loop.maxBlockMs.toFixed(1)} ms; ${whatStalled(plain.loop)}`,
  );

  const volume = join(dir, 'volume');
  const modal = await startOrderServer({ ...env, DB_SNAPSHOT_PATH: join(volume, 'tea_orders.db'), SNAPSHOT_DEBOUNCE_MS: '1000' });
  const snapshotMode = await postPhase(modal);
  await modal.stop();
  console.log(
    `  …in snapshot mode: p99 ${snapshotMode.p99.toFixed(2)} ms, longest block ${snapshotMode.loop.maxBlockMs.toFixed(1)} ms; ${whatStalled(snapshotMode.loop)}`,
  );

  const fileBytes = fileSize(dbPath);
  rmSync(volume, { recursive: true, force: true });
  const snapshot = await measureSnapshots(dbPath, join(dir, 'volume-measured'));
  console.log(
    `  snapshot after one order: ${snapshot.afterOneOrder.ms.toFixed(0)} ms, ${(snapshot.afterOneOrder.bytesWritten / 1e6).toFixed(2)} MB written, longest block ${snapshot.afterOneOrder.maxBlockMs.toFixed(1)} ms`,
  );
  const bytes = bytesByObject(dbPath);
  const retention = await measureRetention(dbPath);
  console.log(
    `  retention (a day's sessions and keys stale): longest batch ${retention.longestBatchMs.toFixed(1)} ms, longest block ${retention.maxBlockMs.toFixed(1)} ms`,
  );
  rmSync(dir, { recursive: true, force: true });
  return { orders, buildMs: built.buildMs, fileBytes, routes, post: { plain, snapshotMode }, snapshot, retention, bytesByObject: bytes };
}

// Each size is measured right after an empty database of its own, and its ratios are to that
// one: on a shared machine the load moves within minutes, and a pair measured back to back
// sees about the same machine.
const pairs: { empty: SizeResult; size: SizeResult }[] = [];
for (const size of sizes.filter((n) => n > 0)) {
  const empty = await measure(0);
  pairs.push({ empty, size: await measure(size) });
}
if (pairs.length === 0) {
  const empty = await measure(0);
  pairs.push({ empty, size: empty });
}
rmSync(tmp, { recursive: true, force: true });
const results = pairs.map((pair) => pair.size);
const empties = pairs.map((pair) => pair.empty);

// The table: one row per figure, one column per size, each with its ratio to the empty database.
type Row = { name: string; value: (r: SizeResult) => number; unit: 'ms' | 'MB'; target?: 'latency' | 'block' };
const rows: Row[] = [
  ...Object.keys(results[0]!.routes).flatMap((route): Row[] => [
    { name: `${route} p50`, value: (r) => r.routes[route]!.p50, unit: 'ms', target: 'latency' },
    { name: `${route} p99`, value: (r) => r.routes[route]!.p99, unit: 'ms', target: 'latency' },
  ]),
  { name: `POST /orders ${RATE}/s, ${WATCHERS} watchers, p99`, value: (r) => r.post.plain.p99, unit: 'ms', target: 'latency' },
  { name: '  …longest event-loop block', value: (r) => r.post.plain.loop.maxBlockMs, unit: 'ms', target: 'block' },
  { name: '  …in snapshot mode, p99', value: (r) => r.post.snapshotMode.p99, unit: 'ms', target: 'latency' },
  { name: '  …in snapshot mode, longest block', value: (r) => r.post.snapshotMode.loop.maxBlockMs, unit: 'ms', target: 'block' },
  { name: 'snapshot after one order', value: (r) => r.snapshot.afterOneOrder.ms, unit: 'ms' },
  { name: '  …bytes written', value: (r) => r.snapshot.afterOneOrder.bytesWritten / 1e6, unit: 'MB' },
  { name: '  …longest block', value: (r) => r.snapshot.afterOneOrder.maxBlockMs, unit: 'ms', target: 'block' },
  { name: 'first snapshot of the file', value: (r) => r.snapshot.first.ms, unit: 'ms' },
  { name: '  …longest block', value: (r) => r.snapshot.first.maxBlockMs, unit: 'ms', target: 'block' },
  { name: 'retention prune, longest batch', value: (r) => r.retention.longestBatchMs, unit: 'ms', target: 'block' },
  { name: 'database file', value: (r) => r.fileBytes / 1e6, unit: 'MB' },
];
const base = empties[0]!;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const format = (value: number, unit: string) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ${unit}`;
const cell = (row: Row, { empty, size }: (typeof pairs)[number]) =>
  size === empty ? '' : `${format(row.value(size), row.unit)} (${(row.value(size) / row.value(empty)).toFixed(2)}×)`;
const largest = pairs.at(-1)!;
const verdict = (row: Row) => {
  if (!row.target || largest.size === largest.empty) return '';
  // Latencies are judged at the largest size, blocks at every size: a block is a block.
  const ok = row.target === 'block' ? results.every((r) => row.value(r) <= 20) : row.value(largest.size) <= 1.5 * row.value(largest.empty);
  return ok ? 'met' : 'NOT met';
};
const header = [
  '',
  `empty (median of ${empties.length})`,
  ...results.filter((r) => r.orders > 0).map((r) => `${r.orders.toLocaleString('en')} orders`),
  `target at ${largest.size.orders.toLocaleString('en')}`,
];
console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
for (const row of rows) {
  const sized = pairs.filter((pair) => pair.size !== pair.empty).map((pair) => cell(row, pair));
  console.log(`| ${[row.name, format(median(empties.map(row.value)), row.unit), ...sized, verdict(row)].join(' | ')} |`);
}
console.log('(each ratio is to the empty database measured just before that size)');
console.log(`\nbuild: ${results.map((r) => `${r.orders}: ${(r.buildMs / 1000).toFixed(1)} s`).join(', ')}`);
console.log(
  `bytes per past order: ${results
    .filter((r) => r.orders > 0)
    .map((r) => `${r.orders}: ${((r.fileBytes - base.fileBytes) / r.orders).toFixed(0)} B`)
    .join(', ')}`,
);
const biggest = largest.size;
if (biggest.orders > 0) {
  const perOrder = Object.entries(biggest.bytesByObject)
    .map(([name, bytes]) => [name, (bytes - (base.bytesByObject[name] ?? 0)) / biggest.orders] as const)
    .filter(([, bytes]) => bytes >= 1);
  console.log(`  at ${biggest.orders}, by table and index: ${perOrder.map(([name, bytes]) => `${name} ${bytes.toFixed(0)}`).join(', ')}`);
}
mkdirSync(dirname(flags.out), { recursive: true });
writeFileSync(flags.out, `${JSON.stringify({ at: new Date().toISOString(), seconds, postSeconds, rate: RATE, watchers: WATCHERS, pairs }, null, 2)}\n`);
console.log(`JSON: ${flags.out}`);
