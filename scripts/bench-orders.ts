// npm run bench:orders — POST /orders on the built order bundle vs a bare node:http +
// better-sqlite3 insert, same machine, same run, same load: 100 connections for ~10 s each.
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

const dist = await buildBundlesForTest('bench');
const baseline = await startBaseline();
await load(baseline.url); // warm-up, discarded
const base = await load(baseline.url);
baseline.stop();

const order = await spawnBundle(dist, 'order', { DB_PATH: join(tmp, 'orders.db'), LOG_LEVEL: 'warn' });
await load(`${order.url}/orders`);
const ours = await load(`${order.url}/orders`);
await order.stop();

const row = (name: string, r: Result) =>
  `${name.padEnd(28)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors + r.non2xx}`;
console.log(`\nPOST /orders, ${connections} connections, ${seconds} s each (after a warm-up run)\n`);
console.log(row('baseline node:http+insert', base));
console.log(row('order function', ours));
console.log(`\nthroughput ratio: ${((ours.rps / base.rps) * 100).toFixed(0)}% of baseline (target >= 60%); p99 ${ours.p99} ms (target <= 25 ms)`);
