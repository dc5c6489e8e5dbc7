// npm run bench:orders-tail — where bench:orders' tail at an equal offered load comes from
// (issue 22 item 5). The order function (bench-history-server.ts, with the probe's timeline
// of stalls, GC pauses and slow SQLite statements) takes POST /orders from autocannon at a
// fixed rate, 100 connections, in identical rounds on the same server and growing database, as
// bench:orders' second phase does. Every response is timed; each one slower than
// max(50 ms, 4 x p50) is matched with what the server was doing meanwhile: a slow COMMIT (one
// that ran a WAL checkpoint), a GC pause, another stall, or nothing on the server (the load
// generator's own event loop is watched too).
//
//   BENCH_RATE=1000 BENCH_SECONDS=10 BENCH_ROUNDS=4 npm run bench:orders-tail
import autocannon from 'autocannon';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type SlowEvent, startBaselineServer, startOrderServer } from './bench-history-server.ts';
import { summarise } from './bench-history-load.ts';

const rate = Number(process.env.BENCH_RATE ?? 1000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const body = JSON.stringify({ lines: [{ itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: ['pudding'], quantity: 2 }] });
// BENCH_TARGET=baseline: the same load on bench:orders' real limit (a bare node:http insert).
const start = process.env.BENCH_TARGET === 'baseline' ? startBaselineServer : startOrderServer;
const server = await start({
  DB_PATH: join(mkdtempSync(join(tmpdir(), 'tea-bench-tail-')), 'orders.db'),
  ORDER_RATE_LIMIT_PER_MINUTE: '1000000',
  PROBE_SLOW_MS: '10',
  ...(process.env.PROBE_PRAGMA ? { PROBE_PRAGMA: process.env.PROBE_PRAGMA } : {}),
  ...(process.env.SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SERVER_NODE_OPTIONS } : {}),
});
const clientLoop = monitorEventLoopDelay({ resolution: 1 });

type Response = { end: number; ms: number };
async function round(): Promise<{ responses: Response[]; timeline: SlowEvent[]; clientMaxMs: number }> {
  server.resetLoop();
  clientLoop.reset();
  clientLoop.enable();
  const responses: Response[] = [];
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${server.url}/orders`,
        method: 'POST',
        connections: 100,
        duration: seconds,
        overallRate: rate,
        headers: { 'content-type': 'application/json' },
        body,
      },
      (error) => (error ? reject(error) : resolve()),
    );
    instance.on('response', (_client, _status, _bytes, ms: number) => responses.push({ end: Date.now(), ms }));
  });
  clientLoop.disable();
  const { timeline } = await server.loopStats();
  return { responses, timeline, clientMaxMs: clientLoop.max / 1e6 };
}

/** How much of `e` falls inside response `r`'s time, as a share of `e`. */
const share = (r: Response, e: SlowEvent) => Math.max(0, Math.min(e.at + e.ms, r.end) - Math.max(e.at, r.end - r.ms)) / e.ms;
const sum = (events: SlowEvent[], f: (e: SlowEvent) => number) => events.reduce((total, e) => total + f(e), 0);

/** What the server's main thread did during a slow response, in ms, by cause; the largest is the cause. */
function causeOf(r: Response, timeline: SlowEvent[]): string {
  const stalls = timeline.filter((e) => e.kind === 'stall' && share(r, e) > 0);
  const gc = sum(
    timeline.filter((e) => e.kind === 'gc'),
    (e) => share(r, e) * e.ms,
  );
  const commits = timeline.filter((e) => e.kind === 'sql' && share(r, e) > 0);
  const parts: Record<string, number> = {
    'waiting for a core': sum(stalls, (e) => share(r, e) * (e.waitingMs ?? 0)),
    'blocked in a commit (fsync)': sum(commits, (e) => share(r, e) * (e.blockedMs ?? 0)),
    'blocked, other I/O': Math.max(0, sum(stalls, (e) => share(r, e) * (e.blockedMs ?? 0)) - sum(commits, (e) => share(r, e) * (e.blockedMs ?? 0))),
    GC: gc,
    'running our code': Math.max(0, sum(stalls, (e) => share(r, e) * (e.busyMs ?? 0)) - gc),
  };
  const [cause, ms] = Object.entries(parts).sort((a, b) => b[1] - a[1])[0]!;
  return ms > 0 ? cause : 'nothing slow on the server';
}

await round(); // warm-up, discarded
for (let n = 1; n <= rounds; n += 1) {
  const { responses, timeline, clientMaxMs } = await round();
  const latency = summarise(responses.map((r) => r.ms));
  const slowBound = Math.max(50, 4 * latency.p50);
  const slow = responses.filter((r) => r.ms > slowBound);
  const causes = new Map<string, number>();
  for (const r of slow) causes.set(causeOf(r, timeline), (causes.get(causeOf(r, timeline)) ?? 0) + 1);
  const stalls = timeline.filter((e) => e.kind === 'stall');
  const commits = timeline.filter((e) => e.kind === 'sql' && e.sql === 'COMMIT');
  const gcs = timeline.filter((e) => e.kind === 'gc');
  const longest = (events: SlowEvent[]) => (events.length ? Math.max(...events.map((e) => e.ms)).toFixed(0) : '-');
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(
    `#${n}: ${responses.length} responses, p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, max ${ms(Math.max(...responses.map((r) => r.ms)))}; load generator's longest block ${ms(clientMaxMs)}`,
  );
  console.log(
    `    server stalls > 10 ms: ${stalls.length} (longest ${longest(stalls)} ms), in all ${ms(sum(stalls, (e) => e.ms))}: running ${ms(sum(stalls, (e) => e.busyMs ?? 0))}, ` +
      `waiting for a core ${ms(sum(stalls, (e) => e.waitingMs ?? 0))}, blocked ${ms(sum(stalls, (e) => e.blockedMs ?? 0))}`,
  );
  console.log(
    `    COMMITs > 10 ms: ${commits.length} (longest ${longest(commits)} ms; blocked ${ms(sum(commits, (e) => e.blockedMs ?? 0))}, waiting ${ms(sum(commits, (e) => e.waitingMs ?? 0))}); ` +
      `GC > 10 ms: ${gcs.length} (longest ${longest(gcs)} ms, ${gcs.filter((e) => e.gcKind === 2).length} major)`,
  );
  console.log(
    `    ${slow.length} responses over ${ms(slowBound)}, by the largest cause during each: ${[...causes].map(([k, v]) => `${k} ${v}`).join(', ') || '-'}`,
  );
}
await server.stop();
