// npm run bench:orders — POST /orders on the built order bundle (`node dist/order.mjs`) vs the
// stack's real limit: a bare node:http + better-sqlite3 single-row insert in plain `node`, with an
// append-only integer key and the same pragmas (scripts/bench-baseline-server.mjs).
//
// 1. Saturated: 100 connections, each sending its next request as soon as the last is answered,
//    ~10 s per run. Gives the throughput ratio (target >= 60%) and the p99 ratio (target <= 1.5x).
//    In this closed loop the mean latency is connections / throughput (Little's law), so the p99
//    ratio cannot be much below 1 / the throughput ratio unless the tails differ in shape; the
//    report prints both factors.
// 2. Equal offered load: both servers at the same fixed rate, half what the order function
//    sustained in 1, so neither queues; the p99 ratio there is the per-request cost alone.
//
// Fairness: both servers are separate plain-node processes started once, each gets one discarded
// warm-up run of the same length, then the measured runs alternate baseline/order
// (BENCH_ROUNDS, default 3) so drift on a shared machine hits both alike; each round's pair gives
// a ratio and the median ratio is the headline. The load generator (autocannon, in this process)
// shares the cores with whichever server is being measured — the same for both.
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

type Result = { rps: number; mean: number; p50: number; p99: number; errors: number };

async function load(url: string, overallRate?: number): Promise<Result> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    body,
    ...(overallRate ? { overallRate } : {}),
  });
  const { latency } = result;
  return { rps: result.requests.average, mean: latency.mean, p50: latency.p50, p99: latency.p99, errors: result.errors + result.non2xx };
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
const pct = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
const times = (ratio: number) => `${ratio.toFixed(2)}x`;
const row = (name: string, r: Result) =>
  `${name.padEnd(24)} ${r.rps.toFixed(0).padStart(6)} req/s  mean ${r.mean.toFixed(1).padStart(6)} ms  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  p99/mean ${(r.p99 / r.mean).toFixed(2)}  errors ${r.errors}`;

type Pair = { base: Result; mine: Result };

/** Runs `rounds` baseline/order pairs back to back, printing each, and returns them. */
async function measure(title: string, urls: { base: string; mine: string }, overallRate?: number): Promise<Pair[]> {
  console.log(`\n${title}\n`);
  const pairs: Pair[] = [];
  for (let round = 1; round <= rounds; round++) {
    const base = await load(urls.base, overallRate);
    const mine = await load(urls.mine, overallRate);
    pairs.push({ base, mine });
    console.log(row(`#${round} baseline`, base));
    console.log(row(`#${round} order function`, mine));
    console.log(`${''.padEnd(24)} throughput ${pct(mine.rps / base.rps)}, mean ${times(mine.mean / base.mean)}, p99 ${times(mine.p99 / base.p99)}`);
  }
  return pairs;
}

const medianOf = (pairs: Pair[], f: (p: Pair) => number) => median(pairs.map(f));

const dist = await buildBundlesForTest('bench');
const baseline = await startBaseline();
// One load generator is one client: lift the per-client order limit for the measurement.
const order = await spawnBundle(dist, 'order', { DB_PATH: join(tmp, 'orders.db'), LOG_LEVEL: 'warn', ORDER_RATE_LIMIT_PER_MINUTE: '1000000' });
const urls = { base: baseline.url, mine: `${order.url}/orders` };

await load(urls.base); // warm-up, discarded
await load(urls.mine); // warm-up, discarded
const saturated = await measure(`1. saturated: POST /orders, ${connections} connections, ${seconds} s per run, ${rounds} round(s)`, urls);
const rate = Math.round(medianOf(saturated, (p) => p.mine.rps) / 2);
const paced = await measure(`2. equal offered load: ${rate} req/s (half the order function's saturated rate) for both`, urls, rate);
await baseline.stop();
await order.stop();

const throughput = medianOf(saturated, (p) => p.mine.rps / p.base.rps);
const p99 = medianOf(saturated, (p) => p.mine.p99 / p.base.p99);
const meanRatio = medianOf(saturated, (p) => p.mine.mean / p.base.mean);
const tail = medianOf(saturated, (p) => p.mine.p99 / p.mine.mean / (p.base.p99 / p.base.mean));
const pacedP99 = medianOf(paced, (p) => p.mine.p99 / p.base.p99);
console.log(`\nmedians of the per-round ratios (order function / real limit):`);
console.log(`  throughput, saturated:     ${pct(throughput)} (target >= 60%) ${throughput >= 0.6 ? 'met' : 'NOT met'}`);
console.log(`  p99, saturated:            ${times(p99)} (target <= 1.5x) ${p99 <= 1.5 ? 'met' : 'NOT met'}`);
console.log(`    = mean latency ${times(meanRatio)} (Little's law: 1 / throughput = ${times(1 / throughput)}) x tail shape ${times(tail)} (p99/mean vs the baseline's)`);
console.log(`  p99 at equal offered load: ${times(pacedP99)} (${rate} req/s)`);
