import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundlesForTest } from '../../shared/testing/build-bundles.ts';
import { sampleLine } from '../../shared/testing/order-fixture.ts';
import { spawnBundle } from '../../shared/testing/spawn-bundle.ts';

// The Modal layout: live db on "local disk", snapshot on "the volume"; a new container starts
// with an empty disk and must come back with every acknowledged order.
describe('order bundle with DB_SNAPSHOT_PATH', () => {
  let dist: string;
  beforeAll(async () => {
    dist = await buildBundlesForTest('order-snapshot');
  }, 60_000);

  it('writes a final snapshot on SIGTERM and restores it into a fresh container', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tea-snap-'));
    const snapshotPath = join(dir, 'volume', 'tea_orders.db');
    const first = await spawnBundle(dist, 'order', { DB_PATH: join(dir, 'disk1', 'live.db'), DB_SNAPSHOT_PATH: snapshotPath, SNAPSHOT_DEBOUNCE_MS: '60000' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await fetch(`${first.url}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lines: [sampleLine] }),
      });
      ids.push((await response.json()).id);
    }
    // The debounce is a minute, so only the shutdown path can have written these orders.
    expect(await first.stop('SIGTERM')).toBe(0);
    const snapshot = new Database(snapshotPath, { readonly: true });
    expect(snapshot.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((snapshot.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n).toBe(5);
    snapshot.close();

    const second = await spawnBundle(dist, 'order', { DB_PATH: join(dir, 'disk2', 'live.db'), DB_SNAPSHOT_PATH: snapshotPath });
    for (const id of ids) expect((await fetch(`${second.url}/orders/${id}`)).status).toBe(200);
    const next = await fetch(`${second.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lines: [sampleLine] }),
    });
    expect((await next.json()).pickupCode).toBe('6');
    await second.stop();
  }, 30_000);
});
