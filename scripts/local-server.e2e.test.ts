import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundlesForTest } from '../shared/testing/build-bundles.ts';
import { freePort } from '../shared/testing/spawn-bundle.ts';

// What `npm start` runs: dist/local.mjs mounting every function on one port.
describe('local server (dist/local.mjs)', () => {
  let child: ChildProcess;
  let base: string;
  let stderr = '';

  beforeAll(async () => {
    const dist = await buildBundlesForTest('local-server');
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'tea-local-'));
    child = spawn(process.execPath, ['--input-type=module', '-e', `import(${JSON.stringify(join(dist, 'local.mjs'))}).then((m) => m.runLocalServer(process.env))`], {
      env: { PATH: process.env.PATH ?? '', PORT: String(port), DB_PATH: join(dir, 'orders.db'), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`local server did not start: ${stderr}`)), 15_000);
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('Ctrl+C')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    base = `http://127.0.0.1:${port}`;
  }, 60_000);

  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('prints the URL, the routes and a generated staff token', () => {
    expect(stderr).toContain(`running at ${base}`);
    expect(stderr).toMatch(/staff token .*: dev-[0-9a-f]{24}/);
    expect(stderr).toContain(`${base}/menu`);
  });

  it('prints the three pages, and the first one is the customer page', async () => {
    expect(stderr).toContain(`customer ordering page  ${base}/order-here`);
    expect(stderr).toContain(`${base}/staff`);
    expect(stderr).toContain(`${base}/display`);
    const page = await fetch(`${base}/order-here`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('src="/assets/customer.js?v=');
  });

  it('serves every function on one port, with the staff token it printed', async () => {
    const token = /dev-[0-9a-f]{24}/.exec(stderr)![0];
    const welcome = await (await fetch(`${base}/`)).json();
    expect(Object.keys(welcome.endpoints).sort()).toEqual(['chat', 'health', 'order', 'stt', 'tts']);
    const health = await (await fetch(`${base}/health`)).json();
    expect(health.checks.order.status).toBe('ok');
    expect(Object.keys(health.checks)).toEqual(expect.arrayContaining(['order', 'chat']));
    const staff = await fetch(`${base}/orders`, { headers: { authorization: `Bearer ${token}` } });
    expect(staff.status).toBe(200);
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
});
