import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundlesForTest } from '../../shared/testing/build-bundles.ts';
import { sampleLine, TEST_STAFF_TOKEN } from '../../shared/testing/order-fixture.ts';
import { spawnBundle } from '../../shared/testing/spawn-bundle.ts';

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: any };

function post(agent: Agent, url: string, body: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(
      `${url}/orders`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : null }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

// Issue 11 item 11: SIGTERM while clients keep sending over keep-alive connections loses no
// acknowledged order, and the process exits 0 by itself (not through the forced exit).
describe('order bundle: SIGTERM under continuous keep-alive load', () => {
  let dist: string;
  let dir: string;
  beforeAll(async () => {
    dist = await buildBundlesForTest('order-shutdown');
    dir = mkdtempSync(join(tmpdir(), 'tea-shutdown-'));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops taking work at once, finishes what is in flight, and the snapshot holds every acknowledged order', async () => {
    const snapshotPath = join(dir, 'volume', 'tea_orders.db');
    const env = {
      DB_SNAPSHOT_PATH: snapshotPath,
      SNAPSHOT_DEBOUNCE_MS: '60000',
      ORDER_RATE_LIMIT_PER_MINUTE: '1000000',
      STAFF_TOKEN: TEST_STAFF_TOKEN,
      LOG_LEVEL: 'error',
    };
    const first = await spawnBundle(dist, 'order', { ...env, DB_PATH: join(dir, 'disk1', 'live.db') });
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const acknowledged: string[] = [];
    const refusals: Answer[] = [];
    const others: string[] = [];
    let signalled = false;
    let signal!: () => void;
    const enoughLoad = new Promise<void>((resolve) => (signal = resolve));

    const worker = async () => {
      for (;;) {
        let answer: Answer;
        try {
          answer = await post(agent, first.url, { lines: [sampleLine] });
        } catch {
          return; // the connection was closed or refused: the server is gone
        }
        if (answer.status === 201) {
          acknowledged.push(answer.body.id);
          if (acknowledged.length >= 200) signal();
        } else if (answer.status === 503) {
          refusals.push(answer);
          return;
        } else {
          others.push(`${answer.status} ${JSON.stringify(answer.body)}`);
          return;
        }
        if (signalled && first.child.exitCode !== null) return;
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    await enoughLoad;
    signalled = true;
    const exitCode = await first.stop('SIGTERM');
    await Promise.all(workers);
    agent.destroy();

    expect(others).toEqual([]);
    expect(exitCode).toBe(0);
    for (const refusal of refusals) {
      expect(refusal.body.error.code).toBe('shutting_down');
      expect(refusal.headers.connection).toBe('close');
      expect(refusal.headers['retry-after']).toBeDefined();
    }
    console.log(`shutdown under load: ${acknowledged.length} acknowledged, ${refusals.length} answered 503 shutting_down`);

    // A new container: fresh local disk, the volume's snapshot (base and segments) copied into a fresh directory.
    const freshVolume = join(dir, 'fresh-volume');
    mkdirSync(freshVolume, { recursive: true });
    for (const name of readdirSync(join(dir, 'volume'))) copyFileSync(join(dir, 'volume', name), join(freshVolume, name));
    const second = await spawnBundle(dist, 'order', { ...env, DB_SNAPSHOT_PATH: join(freshVolume, 'tea_orders.db'), DB_PATH: join(dir, 'disk2', 'live.db') });
    try {
      const missing: string[] = [];
      for (let i = 0; i < acknowledged.length; i += 50) {
        const batch = acknowledged.slice(i, i + 50);
        const statuses = await Promise.all(batch.map(async (id) => (await fetch(`${second.url}/orders/${id}`)).status));
        statuses.forEach((status, j) => status !== 200 && missing.push(batch[j]!));
      }
      expect(missing).toEqual([]);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
