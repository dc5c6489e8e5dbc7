import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundlesForTest } from '../shared/testing/build-bundles.ts';

// What `npm start` runs: dist/local.mjs mounting every function on one port. The child binds
// port 0 and the test reads the URL it prints, so no port is freed and then reused.
describe('local server (dist/local.mjs)', () => {
  let child: ChildProcess;
  let base: string;
  let stderr = '';

  beforeAll(async () => {
    const dist = await buildBundlesForTest('local-server');
    const dir = mkdtempSync(join(tmpdir(), 'tea-local-'));
    child = spawn(
      process.execPath,
      ['--input-type=module', '-e', `import(${JSON.stringify(join(dist, 'local.mjs'))}).then((m) => m.runLocalServer(process.env))`],
      {
        env: { PATH: process.env.PATH ?? '', PORT: '0', DB_PATH: join(dir, 'orders.db'), LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`local server did not start: ${stderr}`)), 50_000); // a hang guard
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('Ctrl+C')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`local server exited with ${code}: ${stderr}`)));
    });
    base = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1]!;
  }, 60_000);

  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  it('prints the URL, the routes and a generated staff token', () => {
    expect(stderr).toContain(`running at ${base}`);
    expect(base).not.toMatch(/:0$/); // the port the OS picked, not the 0 it was asked for
    expect(stderr).toMatch(/staff token .*: dev-[0-9a-f]{24}/);
    expect(stderr).toMatch(/owner token .*: owner-[0-9a-f]{24}/);
    expect(stderr).toContain(`${base}/menu`);
    // The route list comes from the apps' own routes, each under the function that answers it.
    for (const [top, name] of [
      ['/orders', 'order'],
      ['/sessions', 'order'],
      ['/chat', 'chat'],
      ['/stt', 'stt'],
      ['/tts', 'tts'],
      ['/legacy', 'web'],
      ['/docs', 'web'],
      ['/health', 'health'],
    ]) {
      expect(stderr).toContain(`  ${base}${top}  (${name})`);
    }
    expect(stderr).not.toContain('/healthz');
  });

  it('prints the three pages, and the first one is the customer page', async () => {
    expect(stderr).toContain(`customer ordering page  ${base}/order-here`);
    expect(stderr).toContain(`${base}/staff`);
    expect(stderr).toContain(`${base}/display`);
    expect(stderr).toContain(`${base}/owner`);
    const page = await fetch(`${base}/order-here`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('src="/assets/customer.js?v=');
    // Typed with a trailing slash: redirected to the page, not a 404.
    const slashed = await fetch(`${base}/staff/`, { redirect: 'manual' });
    expect([slashed.status, slashed.headers.get('location')]).toEqual([301, `${base}/staff`]);
    expect((await fetch(`${base}/staff/`)).status).toBe(200);
  });

  it('serves every function on one port, with the staff token it printed', async () => {
    const token = /dev-[0-9a-f]{24}/.exec(stderr)![0];
    const welcome = await (await fetch(`${base}/`)).json();
    expect(Object.keys(welcome.endpoints).sort()).toEqual(['chat', 'health', 'order', 'stt', 'tts', 'web']);
    const health = await (await fetch(`${base}/health`)).json();
    expect(health.checks.order.status).toBe('ok');
    expect(Object.keys(health.checks)).toEqual(expect.arrayContaining(['order', 'chat']));
    const staff = await fetch(`${base}/orders`, { headers: { authorization: `Bearer ${token}` } });
    expect(staff.status).toBe(200);
    const ownerToken = /owner-[0-9a-f]{24}/.exec(stderr)![0];
    expect((await fetch(`${base}/menu/versions`, { headers: { authorization: `Bearer ${ownerToken}` } })).status).toBe(200);
    expect((await fetch(`${base}/menu/versions`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    const notFound = await fetch(`${base}/nowhere`);
    expect(notFound.status).toBe(404);
    expect((await notFound.json()).error.code).toBe('not_found');
  });

  it('takes an order by chat with the offline agent, end to end', async () => {
    const post = async (message: string, sessionId?: string) =>
      (await fetch(`${base}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message, sessionId }) })).json();
    const first = await post('我要两杯大杯珍珠奶茶，半糖少冰');
    expect(first).toMatchObject({ provider: 'rules', state: 'collecting', cart: { total: 3600 } });
    await post('就这些', first.sessionId);
    const placed = await post('确认', first.sessionId);
    expect(placed.order).toMatchObject({ total: 3600, status: 'placed' });
    const order = await (await fetch(`${base}/orders/${placed.order.id}`)).json();
    expect(order.total).toBe(3600);
  });

  it("serves the legacy UIs' routes under /legacy with no keys (the web function, siblings in process)", async () => {
    const text = async (value: string) => {
      const form = new FormData();
      form.append('session_id', 'session_1700000000000_local0001');
      form.append('text', value);
      return (await fetch(`${base}/legacy/text`, { method: 'POST', body: form })).json();
    };
    await text('一杯大杯乌龙奶茶，半糖少冰');
    await text('就这些');
    const saved = await text('确认');
    expect(saved).toMatchObject({ order_status: 'saved', order_id: expect.any(Number), reply_mode: 'offline' });
    const queue = await (await fetch(`${base}/legacy/production/queue`)).json();
    expect(queue.active_orders.map((order: { order_id: number }) => order.order_id)).toContain(saved.order_id);
  });
});
