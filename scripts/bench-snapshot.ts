// npm run bench:snapshot — what one snapshot after a small change costs on a large database
// (BENCH_ORDERS past orders, default 100,000, written through the real schema): WAL shipping
// (a segment) against the whole-file snapshot it replaced (maxSegments 0: every snapshot is a
// base, the stepped online backup + off-thread check + fsync + rename), and a tick that ships a
// segment and then compacts the volume's files into a new base (maxSegments 1). Per snapshot:
// bytes written to the volume, duration, and the longest event-loop block while it ran (a 1 ms
// timer's largest lateness). Reported as medians over BENCH_ROUNDS and as ratios to the
// whole-file figure measured in the same run; then how long a restore of base + segments takes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findMigrationsFolder, openDb } from '../shared/db/open-db.ts';
import { createSnapshotter, restoreSnapshot, type SnapshotterOptions } from '../shared/db/snapshot.ts';
import { insertOrderHistory } from '../shared/testing/order-history.ts';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-bench-snapshot-'));

const started = Date.now();
const opened = openDb(path.join(dir, 'disk', 'tea_orders.db'), findMigrationsFolder());
insertOrderHistory(opened.sqlite, { count: ORDERS });
opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
const dbBytes = fs.statSync(path.join(dir, 'disk', 'tea_orders.db')).size;
process.stderr.write(`built ${ORDERS} orders (${(dbBytes / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms\n`);

let nextId = ORDERS + 1;
/** A burst of shop traffic: ten new orders and five status changes. */
function smallChange() {
  insertOrderHistory(opened.sqlite, { count: 10, firstId: nextId, status: 'placed' });
  nextId += 10;
  opened.sqlite.prepare("UPDATE orders SET status = 'completed' WHERE id IN (SELECT id FROM orders WHERE status = 'placed' LIMIT 5)").run();
}

/** Runs `work` while a 1 ms timer ticks; returns the timer's largest lateness (the longest block). */
async function longestBlock(work: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 1);
    last = now;
  }, 1);
  try {
    await work();
    await new Promise((resolve) => setTimeout(resolve, 5));
  } finally {
    clearInterval(timer);
  }
  return Math.max(0, worst);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(label: string, extra: Partial<SnapshotterOptions>) {
  const snapshotPath = path.join(dir, `volume-${label}`, 'tea_orders.db');
  const snapshotter = createSnapshotter({ db: opened.sqlite, snapshotPath, debounceMs: 60_000, log: () => {}, ...extra });
  smallChange();
  snapshotter.markDirty();
  await snapshotter.flush(); // the first snapshot after start is a base in both modes
  const rounds: Array<{ bytes: number; ms: number; blockMs: number; kind: string }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    smallChange();
    snapshotter.markDirty();
    const blockMs = await longestBlock(() => snapshotter.flush());
    const state = snapshotter.state();
    rounds.push({ bytes: state.lastBytesWritten!, ms: state.lastDurationMs!, blockMs, kind: state.lastKind! });
  }
  await snapshotter.close();
  const restoreStarted = performance.now();
  const restored = restoreSnapshot({ snapshotPath, dbPath: path.join(dir, `restored-${label}.db`), log: () => {} });
  const restoreMs = Math.round(performance.now() - restoreStarted);
  return {
    restoreMs,
    restoredSegments: restored.restored ? restored.segments : 0,
    label,
    kind: rounds[0]!.kind,
    bytes: median(rounds.map((r) => r.bytes)),
    ms: median(rounds.map((r) => r.ms)),
    blockMs: Number(median(rounds.map((r) => r.blockMs)).toFixed(1)),
    worstBlockMs: Number(Math.max(...rounds.map((r) => r.blockMs)).toFixed(1)),
  };
}

const whole = await measure('whole-file', { maxSegments: 0 });
const wal = await measure('wal-shipping', {});
const compaction = await measure('segment-then-compaction', { maxSegments: 1 });
const ratio = (a: number, b: number) => Number((a / b).toFixed(4));
const report = {
  orders: ORDERS,
  dbMB: Number((dbBytes / 1e6).toFixed(1)),
  rounds: ROUNDS,
  whole,
  wal,
  compaction,
  ratios: {
    segment: { bytes: ratio(wal.bytes, whole.bytes), ms: ratio(wal.ms, whole.ms), blockMs: ratio(wal.blockMs, whole.blockMs) },
    compaction: { bytes: ratio(compaction.bytes, whole.bytes), ms: ratio(compaction.ms, whole.ms), blockMs: ratio(compaction.blockMs, whole.blockMs) },
  },
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
opened.close();
fs.rmSync(dir, { recursive: true, force: true });
