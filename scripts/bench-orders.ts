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
// CPU per request: each server's own CPU time (user + system, all its threads, from /proc) over
// a run, divided by the requests it answered. Wall-clock throughput on a shared machine mostly
// measures how much of the CPU the scheduler gave each server; CPU per request hardly depends on
// that, and where the server is the bottleneck its inverse ratio is the throughput ratio an idle
// machine would show.
//
// Fairness: both servers are separate plain-node processes started once, each gets one discarded
// warm-up run of the same length, then the measured runs alternate baseline/order
// (BENCH_ROUNDS, default 3) so drift on a shared machine hits both alike; each round's pair gives
// a ratio and the median ratio is the headline. The load generator (autocannon, in this process)
// shares the cores with whichever server is being measured — the same for both.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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

/** waitedPct: the share of the run the server's main thread was runnable but waiting for a core (other processes had them). */
type Result = { rps: number; mean: number; p50: number; p99: number; errors: number; cpuUs?: number; waitedPct?: number; load: number };
type Target = { url: string; pid?: number };

const TICK_US = 10_000; // USER_HZ is 100 on Linux: /proc times are in 10 ms ticks
/** utime + stime of a process (all its threads), in µs; undefined where /proc is missing. */
function cpuTimeUs(pid: number | undefined): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return undefined;
  const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' '); // after "pid (comm) "
  return (Number(fields[11]) + Number(fields[12])) * TICK_US; // fields 14 and 15 of stat(5)
}

/**
 * The server's main thread's time waiting in the run queue, in µs (/proc/<pid>/schedstat, second
 * field, ns). On this shared 2-core machine it is what separates a slow round from a fast one at
 * the same offered load (README, "the order bench's tail").
 */
function runQueueWaitUs(pid: number | undefined): number | undefined {
  const file = `/proc/${pid}/schedstat`;
  if (pid === undefined || !existsSync(file)) return undefined;
  return Number(readFileSync(file, 'utf8').split(' ')[1]) / 1000;
}

async function load(target: Target, overallRate?: number): Promise<Result> {
  const cpuBefore = cpuTimeUs(target.pid);
  const waitBefore = runQueueWaitUs(target.pid);
  const started = performance.now();
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    body,
    ...(overallRate ? { overallRate } : {}),
  });
  const cpuAfter = cpuTimeUs(target.pid);
  const waitAfter = runQueueWaitUs(target.pid);
  const elapsedUs = (performance.now() - started) * 1000;
  const { latency } = result;
  return {
    rps: result.requests.average,
    mean: latency.mean,
    p50: latency.p50,
    p99: latency.p99,
    errors: result.errors + result.non2xx,
    ...(cpuBefore !== undefined && cpuAfter !== undefined ? { cpuUs: (cpuAfter - cpuBefore) / result.requests.total } : {}),
    ...(waitBefore !== undefined && waitAfter !== undefined ? { waitedPct: (100 * (waitAfter - waitBefore)) / elapsedUs } : {}),
    load: loadavg()[0]!,
  };
}

/** Plain `node` (no loader); the server binds port 0 and prints the port it got. */
async function startBaseline() {
  const script = fileURLToPath(new URL('./bench-baseline-server.mjs', import.meta.url));
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, PORT: '0', DB_PATH: join(tmp, 'baseline.db') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const port = /^listening (\d+)$/.exec(line)?.[1];
  if (!port) throw new Error(`baseline server said ${JSON.stringify(line)}`);
  return {
    url: `http://127.0.0.1:${port}/orders`,
    pid: child.pid,
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
  `${name.padEnd(24)} ${r.rps.toFixed(0).padStart(6)} req/s  mean ${r.mean.toFixed(1).padStart(6)} ms  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  p99/mean ${(r.p99 / r.mean).toFixed(2)}  cpu/req ${r.cpuUs === undefined ? '?' : r.cpuUs.toFixed(0)} µs  waited for a core ${r.waitedPct === undefined ? '?' : r.waitedPct.toFixed(0)}%  load ${r.load.toFixed(1)}  errors ${r.errors}`;

type Pair = { base: Result; mine: Result };

/** Runs `rounds` baseline/order pairs back to back, printing each, and returns them. */
async function measure(title: string, targets: { base: Target; mine: Target }, overallRate?: number): Promise<Pair[]> {
  console.log(`\n${title}\n`);
  const pairs: Pair[] = [];
  for (let round = 1; round <= rounds; round++) {
    const base = await load(targets.base, overallRate);
    const mine = await load(targets.mine, overallRate);
    pairs.push({ base, mine });
    console.log(row(`#${round} baseline`, base));
    console.log(row(`#${round} order function`, mine));
    const cpu = base.cpuUs && mine.cpuUs ? `, cpu/req ${times(mine.cpuUs / base.cpuUs)}` : '';
    console.log(`${''.padEnd(24)} throughput ${pct(mine.rps / base.rps)}, mean ${times(mine.mean / base.mean)}, p99 ${times(mine.p99 / base.p99)}${cpu}`);
  }
  return pairs;
}

const medianOf = (pairs: Pair[], f: (p: Pair) => number) => median(pairs.map(f));

const dist = await buildBundlesForTest('bench');
const baseline = await startBaseline();
// One load generator is one client: lift the per-client order limit for the measurement.
const order = await spawnBundle(dist, 'order', { DB_PATH: join(tmp, 'orders.db'), LOG_LEVEL: 'warn', ORDER_RATE_LIMIT_PER_MINUTE: '1000000' });
const targets = { base: { url: baseline.url, pid: baseline.pid }, mine: { url: `${order.url}/orders`, pid: order.child.pid } };

await load(targets.base); // warm-up, discarded
await load(targets.mine); // warm-up, discarded
const saturated = await measure(`1. saturated: POST /orders, ${connections} connections, ${seconds} s per run, ${rounds} round(s)`, targets);
const rate = Math.round(medianOf(saturated, (p) => p.mine.rps) / 2);
const paced = await measure(`2. equal offered load: ${rate} req/s (half the order function's saturated rate) for both`, targets, rate);
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
console.log(
  `    = mean latency ${times(meanRatio)} (Little's law: 1 / throughput = ${times(1 / throughput)}) x tail shape ${times(tail)} (p99/mean vs the baseline's)`,
);
console.log(`  p99 at equal offered load: ${times(pacedP99)} (${rate} req/s)`);
if (saturated.every((p) => p.base.cpuUs && p.mine.cpuUs)) {
  const cpu = medianOf(saturated, (p) => p.base.cpuUs! / p.mine.cpuUs!);
  console.log(`  CPU per request, saturated: the order function costs ${times(1 / cpu)} the real limit's,`);
  console.log(`    so a server-bound idle machine would give it ${pct(cpu)} of the throughput`);
}
// The tail at equal load follows how long the server waited for a core (README: the order bench's tail).
console.log(
  `  equal load, round by round (order function): ${paced.map((p) => `p99 ${p.mine.p99} ms with ${p.mine.waitedPct?.toFixed(0) ?? '?'}% of the run waiting for a core (load ${p.mine.load.toFixed(1)})`).join('; ')}`,
);
