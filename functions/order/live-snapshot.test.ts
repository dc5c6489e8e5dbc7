import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copySnapshot } from '../../shared/db/snapshot-chain.ts';
import { silentLogger } from '../../shared/http/logger.ts';
import { jsonHeaders, sampleLine } from '../../shared/testing/order-fixture.ts';
import { waitFor } from '../../shared/testing/wait-for.ts';
import { openFunction } from './main.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-live-snap-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The orders in the snapshot as a restore would rebuild it (base + segments); -1 while there is none. */
function ordersInSnapshot(file: string): number {
  if (!fs.existsSync(file)) return -1;
  const copy = path.join(dir, `rebuilt-${Math.random().toString(36).slice(2)}.db`);
  try {
    copySnapshot(file, copy);
  } catch {
    return -1; // caught mid-compaction (a segment just removed): the next look sees the new base
  }
  const db = new Database(copy, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM orders').pluck().get() as number;
  } finally {
    db.close();
  }
}

// The shutdown snapshot is tested elsewhere (snapshot.e2e); this is the running service: each
// committed order must reach the volume within the debounce, with no shutdown at all.
describe('order function: live snapshots while it runs', () => {
  it('an acknowledged order reaches the snapshot without a shutdown (onWrite → markDirty)', async () => {
    const snapshotPath = path.join(dir, 'volume', 'tea_orders.db');
    const instance = await openFunction({
      env: { DB_PATH: path.join(dir, 'disk', 'live.db'), DB_SNAPSHOT_PATH: snapshotPath, SNAPSHOT_DEBOUNCE_MS: '50' },
      log: silentLogger,
    });
    try {
      // The fresh database's first snapshot, then each order's.
      await waitFor(() => ordersInSnapshot(snapshotPath) === 0, { timeoutMs: 20_000 });
      const post = () => instance.app.request('/orders', { method: 'POST', headers: jsonHeaders, body: JSON.stringify({ lines: [sampleLine] }) });
      expect((await post()).status).toBe(201);
      await waitFor(() => ordersInSnapshot(snapshotPath) === 1, { timeoutMs: 20_000 });
      expect((await post()).status).toBe(201);
      await waitFor(() => ordersInSnapshot(snapshotPath) === 2, { timeoutMs: 20_000 });
    } finally {
      await instance.close();
    }
  });
});
