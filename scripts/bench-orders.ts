// npm run bench:orders — POST /orders on the built order bundle vs a bare node:http +
// better-sqlite3 insert, same machine, same run, same load: 100 connections for ~10 s each.
//
// Fairness: both servers are separate processes started once, each gets one discarded
// warm-up run of the same length, then the measured runs alternate baseline/order
// (BENCH_ROUNDS, default 1) so drift on a shared machine hits both alike; with several
// rounds the medians are compared. The load generator (autocannon, in this process) shares
// the cores with whichever server is being measured — the same for both.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundlesForTest } from '../shared/testing/build-bundles.ts';
import { freePort, spawnBundle } from '../shared/testing/spawn-bundle.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
const body = JSON.stringify({ lines: [{ itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: ['pudding'], quantity: 2 }] });
const tmp = mkdtempSync(join(tmpdir(), 'tea-bench-'));

type Result = { rps: number; p50: number; p99: number; errors: number; non2xx: number };

async function load(url: string): Promise<Result> {
  const result = await autocannon({ url, method: 'POST', connections, duration: seconds, headers: { 'content-type': 'application/json' }, body });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

async function startBaseline() {
  const port = await freePort();
  const script = fileURLToPath(new URL('./bench-baseline-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, PORT: String(port), DB_PATH: join(tmp, 'baseline.db') }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return { url: `http://127.0.0.1:${port}/orders`, stop: () => child.kill('SIGTERM') };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const summary = (results: Result[]): Result => ({
  rps: median(results.map((r) => r.rps)),
  p50: median(results.map((r) => r.p50)),
  p99: median(results.map((r) => r.p99)),
  errors: results.reduce((sum, r) => sum + r.errors, 0),
  non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
});
const row = (name: string, r: Result) =>
  `${name.padEnd(28)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors + r.non2xx}`;

const dist = await buildBundlesForTest('bench');
const baseline = await startBaseline();
// One load generator is one client: lift the per-client order limit for the measurement.
const order = await spawnBundle(dist, 'order', { DB_PATH: join(tmp, 'orders.db'), LOG_LEVEL: 'warn', ORDER_RATE_LIMIT_PER_MINUTE: '1000000' });
const orderUrl = `${order.url}/orders`;

await load(baseline.url); // warm-up, discarded
await load(orderUrl); // warm-up, discarded
const bases: Result[] = [];
const ours: Result[] = [];
console.log(`\nPOST /orders, ${connections} connections, ${seconds} s each (after a warm-up run), ${rounds} round(s)\n`);
for (let round = 1; round <= rounds; round++) {
  bases.push(await load(baseline.url));
  ours.push(await load(orderUrl));
  if (rounds > 1) {
    console.log(row(`#${round} baseline`, bases.at(-1)!));
    console.log(row(`#${round} order function`, ours.at(-1)!));
  }
}
baseline.stop();
await order.stop();

const base = summary(bases);
const mine = summary(ours);
if (rounds > 1) console.log('\nmedians:');
console.log(row('baseline node:http+insert', base));
console.log(row('order function', mine));
console.log(`\nthroughput ratio: ${((mine.rps / base.rps) * 100).toFixed(0)}% of baseline (target >= 60%); p99 ${mine.p99} ms (target <= 25 ms)`);
