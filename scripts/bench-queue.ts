// npm run bench:queue — POST /orders p99 on the built order bundle with 0 and with 500
// /queue/ws watchers, same load, reported as a ratio (target <= 1.5).
//
// Each scenario gets a fresh server and database. A shop at steady state: 150 active orders
// seeded, then POST /orders at a fixed rate (BENCH_RATE, default 50/s, far above a real shop)
// while a "kitchen" cancels the oldest order whenever more than 150 are active, so every
// snapshot carries ~150 orders. The watchers run in a child process (bench-queue-watchers.ts)
// and read every byte, so the load generator's clock is never held up by their reading. After the load, single orders are placed one at a time and a watcher times
// how long until the ticket is on its board (coalescing + fan-out, target ~300 ms).
// Every variant runs in the same run: this build's fast path, its plain path (ORDER_FAST_PATH=off),
// and, when BENCH_BASELINE_DIST names another build's bundles (e.g. an earlier commit), that one.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { buildBundlesForTest } from '../shared/testing/build-bundles.ts';
import { spawnBundle } from '../shared/testing/spawn-bundle.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rate = Number(process.env.BENCH_RATE ?? 50);
const watcherCount = Number(process.env.BENCH_WATCHERS ?? 500);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
const ACTIVE = 150;
const PROBES = 30;
const STAFF_TOKEN = 'bench-staff-token-0123456789';
const line = { itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: ['pudding'], quantity: 2 };
const body = JSON.stringify({ lines: [line] });
const tmp = mkdtempSync(join(tmpdir(), 'tea-bench-queue-'));
const dist = await buildBundlesForTest('bench-queue');

type Result = { p50: number; p99: number; rps: number; errors: number; mbDelivered: number; visible: number[] };

/** N watchers in a child process; `stop()` resolves to the bytes they received meanwhile. */
async function startWatchers(port: number, count: number) {
  const script = fileURLToPath(new URL('./bench-queue-watchers.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(port), String(count)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => output.includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`watchers exited with ${code}`)));
  });
  return {
    stop: () =>
      new Promise<number>((resolve) => {
        child.once('exit', () => resolve((JSON.parse(output.split('\n').find((l) => l.startsWith('{'))!) as { bytes: number }).bytes));
        child.stdin!.end();
      }),
  };
}

/** A build and its settings: the fast path (default), the plain path, or another build (BENCH_BASELINE_DIST). */
type Variant = { label: string; dist: string; env: Record<string, string> };

async function scenario(name: string, watchers: number, variant: Variant): Promise<Result> {
  const server = await spawnBundle(variant.dist, 'order', {
    ...variant.env,
    DB_PATH: join(tmp, `${name}-${Date.now()}.db`),
    LOG_LEVEL: 'warn',
    STAFF_TOKEN,
    ORDER_RATE_LIMIT_PER_MINUTE: '1000000',
    QUEUE_WS_MAX_PER_CLIENT: String(watchers + 10),
    QUEUE_WS_MAX_TOTAL: String(watchers + 10),
  });
  const post = async () =>
    (await (await fetch(`${server.url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json()) as {
      id: string;
      pickupCode: string;
    };

  // The kitchen: the oldest orders leave the queue as new ones arrive.
  const active: string[] = [];
  const cancel = (id: string) =>
    fetch(`${server.url}/orders/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${STAFF_TOKEN}` },
      body: '{"status":"cancelled"}',
    }).then(
      (response) => response.arrayBuffer(),
      () => undefined,
    );
  const placed = (id: string) => {
    active.push(id);
    while (active.length > ACTIVE) void cancel(active.shift()!);
  };
  for (let i = 0; i < ACTIVE; i += 1) placed((await post()).id);

  const port = Number(new URL(server.url).port);
  const watching = watchers > 0 ? await startWatchers(port, watchers) : undefined;

  const load = () =>
    autocannon({
      url: server.url,
      connections: 10,
      overallRate: rate,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: '/orders',
          headers: { 'content-type': 'application/json' },
          body,
          onResponse: (status: number, text: string) => {
            if (status === 201) placed((JSON.parse(text) as { id: string }).id);
          },
        },
      ],
    });
  await autocannon({ url: `${server.url}/menu`, connections: 10, duration: 2 }); // warm-up, discarded
  const result = await load();

  // Ticket to board: one order at a time, timed until a watcher's snapshot shows it.
  const visible: number[] = [];
  const probe = new WebSocket(`${server.url.replace('http', 'ws')}/queue/ws`);
  // Every snapshot's arrival, so one that lands before the POST answer still counts.
  const arrivals: Array<{ at: number; codes: Set<string> }> = [];
  let arrived: (() => void) | undefined;
  probe.on('message', (data) => {
    const snapshot = JSON.parse(String(data)) as { active: Array<{ pickupCode: string }> };
    arrivals.push({ at: performance.now(), codes: new Set(snapshot.active.map((entry) => entry.pickupCode)) });
    arrived?.();
  });
  await new Promise((resolve) => probe.once('message', resolve));
  for (let i = 0; i < PROBES; i += 1) {
    arrivals.length = 0;
    const started = performance.now();
    const order = await post();
    placed(order.id);
    const deadline = started + 5000;
    let seenAt: number | undefined;
    while ((seenAt = arrivals.find((arrival) => arrival.codes.has(order.pickupCode))?.at) === undefined && performance.now() < deadline) {
      await new Promise<void>((resolve) => {
        arrived = resolve;
        setTimeout(resolve, deadline - performance.now());
      });
    }
    visible.push((seenAt ?? deadline) - started);
  }
  probe.close();
  const bytes = (await watching?.stop()) ?? 0;
  await server.stop();
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    errors: result.errors + result.non2xx,
    mbDelivered: bytes / 1024 / 1024,
    visible,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
const row = (label: string, r: Result) =>
  `${label.padEnd(14)} ${r.rps.toFixed(0).padStart(5)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors}` +
  (r.mbDelivered ? `   ${r.mbDelivered.toFixed(0)} MB pushed` : '');

const variants: Variant[] = [
  { label: 'fast', dist, env: {} },
  { label: 'plain', dist, env: { ORDER_FAST_PATH: 'off' } },
  ...(process.env.BENCH_BASELINE_DIST ? [{ label: 'baseline', dist: process.env.BENCH_BASELINE_DIST, env: {} }] : []),
];
console.log(`\nPOST /orders at ${rate}/s (10 connections, ${seconds} s), ~${ACTIVE} active orders, ${rounds} round(s)`);
console.log(`variants: ${variants.map((variant) => variant.label).join(', ')} (fast and plain: ORDER_FAST_PATH on/off on this build)\n`);
const results = new Map(variants.map((variant) => [variant.label, { none: [] as Result[], many: [] as Result[] }]));
for (let round = 1; round <= rounds; round += 1) {
  for (const variant of variants) {
    const own = results.get(variant.label)!;
    own.none.push(await scenario(`${variant.label}-none`, 0, variant));
    console.log(row(`${variant.label}, 0`, own.none.at(-1)!));
    own.many.push(await scenario(`${variant.label}-many`, watcherCount, variant));
    console.log(row(`${variant.label}, ${watcherCount}`, own.many.at(-1)!));
  }
}
console.log('');
for (const variant of variants) {
  const { none, many } = results.get(variant.label)!;
  const p99None = median(none.map((r) => r.p99));
  const p99Many = median(many.map((r) => r.p99));
  const visible = many.flatMap((r) => r.visible);
  console.log(
    `${variant.label}: p99 ratio (${watcherCount} watchers / 0) ${(p99Many / p99None).toFixed(2)} (${p99Many} ms / ${p99None} ms; target <= 1.5); ` +
      `ticket on a board p50 ${median(visible).toFixed(0)} ms, p99 ${percentile(visible, 99).toFixed(0)} ms (target ~300 ms); ` +
      `${median(many.map((r) => r.mbDelivered)).toFixed(0)} MB pushed`,
  );
}
