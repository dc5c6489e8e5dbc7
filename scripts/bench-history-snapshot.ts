// The snapshot of a database as the order function takes it, through the snapshotter's public
// API (createSnapshotter, markDirty, flush, state): its wall time, the longest event-loop block
// while it runs (monitorEventLoopDelay), the bytes this process wrote meanwhile (/proc/self/io
// wchar: every write(2) of every thread) and the bytes of the files it created or changed on
// the "volume". Twice: the first snapshot of the file, then the one after a single new order
// (what a write costs from then on). Whatever numbers the snapshotter's state() reports are
// kept too, so a design that counts its own work shows it.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { findMigrationsFolder, openDb } from '../shared/db/open-db.ts';
import { createSnapshotter } from '../shared/db/snapshot.ts';
import { createOrderService } from '../shared/orders/order-service.ts';

export type SnapshotCost = { ms: number; maxBlockMs: number; bytesWritten: number; volumeBytes: number; state: Record<string, unknown> };

function writtenBytes(): number {
  const line = readFileSync('/proc/self/io', 'utf8')
    .split('\n')
    .find((row) => row.startsWith('wchar:'));
  return Number(line?.split(/\s+/)[1] ?? Number.NaN);
}

/** Size and mtime of every file under `dir`. */
function filesUnder(dir: string, into = new Map<string, { size: number; mtimeMs: number }>()) {
  if (!existsSync(dir)) return into;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(file, into);
    else if (entry.isFile()) {
      const { size, mtimeMs } = statSync(file);
      into.set(file, { size, mtimeMs });
    }
  }
  return into;
}

/** Bytes of the files that are new or changed (a changed file counts whole: an upper bound). */
function changedBytes(before: ReturnType<typeof filesUnder>, after: ReturnType<typeof filesUnder>): number {
  let bytes = 0;
  for (const [file, now] of after) {
    const was = before.get(file);
    if (!was || was.mtimeMs !== now.mtimeMs || was.size !== now.size) bytes += now.size;
  }
  return bytes;
}

export async function measureSnapshots(dbPath: string, volumeDir: string): Promise<{ first: SnapshotCost; afterOneOrder: SnapshotCost }> {
  mkdirSync(volumeDir, { recursive: true });
  const migrationsFolder = findMigrationsFolder();
  const opened = openDb(dbPath, migrationsFolder);
  const snapshotter = createSnapshotter({ db: opened.sqlite, snapshotPath: join(volumeDir, 'tea_orders.db'), debounceMs: 3_600_000, log: () => {} });
  const service = createOrderService({ opened, migrationsFolder, timeZone: 'Asia/Shanghai', secondsPerDrink: 60, onWrite: () => snapshotter.markDirty() });
  const delay = monitorEventLoopDelay({ resolution: 1 });

  async function one(): Promise<SnapshotCost> {
    const files = filesUnder(volumeDir);
    const bytes = writtenBytes();
    delay.reset();
    delay.enable();
    const started = performance.now();
    await snapshotter.flush();
    const ms = performance.now() - started;
    delay.disable();
    return {
      ms,
      maxBlockMs: delay.max / 1e6,
      bytesWritten: writtenBytes() - bytes,
      volumeBytes: changedBytes(files, filesUnder(volumeDir)),
      state: { ...snapshotter.state() },
    };
  }

  snapshotter.markDirty();
  const first = await one();
  await service.createOrder({ lines: [{ itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: [], quantity: 1 }] });
  const afterOneOrder = await one();
  service.close();
  await snapshotter.close();
  opened.close();
  return { first, afterOneOrder };
}
