import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildBundlesForTest } from '../../shared/testing/build-bundles.ts';
import { sampleLine, TEST_STAFF_TOKEN } from '../../shared/testing/order-fixture.ts';
import { spawnBundle, type SpawnedBundle } from '../../shared/testing/spawn-bundle.ts';

// The built bundle, started as `node dist/order.mjs`, driven over real HTTP and WebSocket.
describe('order bundle end to end', () => {
  let server: SpawnedBundle;
  let dbPath: string;
  const json = { 'content-type': 'application/json' };
  const staff = { ...json, authorization: `Bearer ${TEST_STAFF_TOKEN}` };

  beforeAll(async () => {
    const dist = await buildBundlesForTest('order-e2e');
    dbPath = join(mkdtempSync(join(tmpdir(), 'tea-e2e-')), 'orders.db');
    server = await spawnBundle(dist, 'order', { DB_PATH: dbPath, STAFF_TOKEN: TEST_STAFF_TOKEN, ORDER_RATE_LIMIT_PER_MINUTE: '1000' });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('takes an order, moves it through its states, and pushes queue snapshots over /queue/ws', async () => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/queue/ws`);
    const snapshots: any[] = [];
    const waiting = new Set<() => void>();
    // Checked on each snapshot's arrival; the timer only guards against a hang.
    const waitFor = (predicate: (snapshot: any) => boolean) =>
      new Promise<any>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error('no matching queue snapshot'));
        }, 30_000);
        const check = () => {
          const found = snapshots.find(predicate);
          if (!found) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(found);
        };
        waiting.add(check);
        check();
      });
    socket.on('message', (data) => {
      snapshots.push(JSON.parse(String(data)));
      for (const check of [...waiting]) check();
    });
    await waitFor((snapshot) => snapshot.type === 'queue');

    const menu = await (await fetch(`${server.url}/menu`)).json();
    expect(menu.items).toHaveLength(11);
    const created = await fetch(`${server.url}/orders`, { method: 'POST', headers: json, body: JSON.stringify({ lines: [sampleLine] }) });
    expect(created.status).toBe(201);
    const order = await created.json();
    await waitFor((snapshot) => snapshot.active.some((entry: any) => entry.pickupCode === order.pickupCode && entry.status === 'placed'));

    for (const status of ['preparing', 'ready']) {
      const response = await fetch(`${server.url}/orders/${order.id}`, { method: 'PATCH', headers: staff, body: JSON.stringify({ status }) });
      expect(response.status).toBe(200);
    }
    const ready = await waitFor((snapshot) => snapshot.active.some((entry: any) => entry.pickupCode === order.pickupCode && entry.status === 'ready'));
    expect(ready.active.find((entry: any) => entry.pickupCode === order.pickupCode)).toMatchObject({ position: 0, etaSeconds: 0 });
    socket.close();

    const bad = await fetch(`${server.url}/orders`, { method: 'POST', headers: json, body: '{"lines":' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_json');
  });

  it('creates 200 orders in parallel: 200 distinct orders and pickup codes, totals right', async () => {
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`${server.url}/orders`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ lines: [{ ...sampleLine, quantity: (i % 5) + 1 }] }),
        }).then(async (response) => ({ status: response.status, body: await response.json(), quantity: (i % 5) + 1 })),
      ),
    );
    expect(responses.every((response) => response.status === 201)).toBe(true);
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(200);
    expect(new Set(responses.map((response) => response.body.pickupCode)).size).toBe(200);
    for (const response of responses) expect(response.body.total).toBe(2050 * response.quantity);
  });

  it('closes the database cleanly on SIGTERM', async () => {
    const code = await server.stop('SIGTERM');
    expect(code).toBe(0);
    const db = new Database(dbPath, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n).toBe(201);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
