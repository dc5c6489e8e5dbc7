// npm run bench:orders — POST /orders on the built order bundle (`node dist/order.mjs`) vs the
// stack's real limit: a bare node:http + better-sqlite3 single-row insert in plain `node`, with an
// append-only integer key and the same pragmas (scripts/bench-baseline-server.mjs). Same machine,
// same run, same load: 100 connections for ~10 s each.
//
// Fairness: both servers are separate plain-node processes started once, each gets one discarded
// warm-up run of the same length, then the measured runs alternate baseline/order
// (BENCH_ROUNDS, default 3) so drift on a shared machine hits both alike, and the medians are
// compared. The load generator (autocannon, in this process) shares the cores with whichever
// server is being measured — the same for both.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildBundlesForTest } from '../shared/testing/build-bundles.ts';
import { spawnBundle } from '../shared/testing/spawn-bundle.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const body = JSON.stringify({ lines: [{ itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: ['pudding'], quantity: 2 }] });
const tmp = mkdtempSync(join(tmpdir(), 'tea-bench-'));

type Result = { rps: number; p50: number; p99: number; errors: number; non2xx: number };

async function load(url: string): Promise<Result> {
  const result = await autocannon({ url, method: 'POST', connections, duration: seconds, headers: { 'content-type': 'application/json' }, body });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

/** Plain `node` (no loader); the server binds port 0 and prints the port it got. */
async function startBaseline() {
  const script = fileURLToPath(new URL('./bench-baseline-server.mjs', import.meta.url));
  const child = spawn(process.execPath, [script], { env: { ...process.env, PORT: '0', DB_PATH: join(tmp, 'baseline.db') }, stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const port = /^listening (\d+)$/.exec(line)?.[1];
  if (!port) throw new Error(`baseline server said ${JSON.stringify(line)}`);
  return {
    url: `http://127.0.0.1:${port}/orders`,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const summary = (results: Result[]): Result => ({
  rps: median(results.map((r) => r.rps)),
  p50: median(results.map((r) => r.p50)),
  p99: median(results.map((r) => r.p99)),
  errors: results.reduce((sum, r) => sum + r.errors, 0),
  non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
});
const ratioOf = (base: Result, mine: Result) => ({ throughput: mine.rps / base.rps, p99: mine.p99 / base.p99 });
const ratios = (base: Result, mine: Result) => {
  const r = ratioOf(base, mine);
  return `throughput ${(r.throughput * 100).toFixed(1)}%, p99 ${r.p99.toFixed(2)}x`;
};
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
    console.log(`${''.padEnd(28)} ${ratios(bases.at(-1)!, ours.at(-1)!)}`);
  }
}
await baseline.stop();
await order.stop();

const base = summary(bases);
const mine = summary(ours);
if (rounds > 1) console.log('\nmedians:');
console.log(row('baseline (real limit)', base));
console.log(row('order function', mine));
// Each round pairs the two runs made back to back, so their ratio is the least disturbed by the
// load on a shared machine; the median of those is the headline, the ratio of medians a check.
const paired = bases.map((b, i) => ratioOf(b, ours[i]!));
const throughput = median(paired.map((r) => r.throughput));
const p99 = median(paired.map((r) => r.p99));
console.log(`ratio of the medians: ${ratios(base, mine)}`);
console.log(`\nthroughput: ${(throughput * 100).toFixed(1)}% of the real limit (median of the rounds; target >= 60%) ${throughput >= 0.6 ? 'met' : 'NOT met'}`);
console.log(`p99: ${p99.toFixed(2)}x the real limit's (median of the rounds; target <= 1.5x) ${p99 <= 1.5 ? 'met' : 'NOT met'}`);
