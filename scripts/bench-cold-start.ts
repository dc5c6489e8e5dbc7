// Cold start per bundle, launched the way the Modal stub launches it: `node dist/<name>.mjs`
// with HOST=0.0.0.0, a free PORT and a temp DB_PATH. Measures ms from spawn to the first 200
// on /healthz/<name>. Bundles that do not exist yet are skipped. Target: <= 300 ms.
//   npm run bench:cold-start            (after npm run build)
//   tsx scripts/bench-cold-start.ts [--runs 3] [--timeout-ms 10000]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const FUNCTIONS = ['order', 'chat', 'stt', 'tts', 'health'] as const;
const TARGET_MS = 300;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'timeout-ms': { type: 'string', default: '10000' },
    dist: { type: 'string', default: 'dist' },
  },
});
const runs = Math.max(1, Number(values.runs));
const timeoutMs = Number(values['timeout-ms']);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function firstOk(url: string, deadline: number, exited: () => string | null): Promise<void> {
  while (Date.now() < deadline) {
    const why = exited();
    if (why) throw new Error(why);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(500) });
      await res.body?.cancel();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs} ms`);
}

async function measure(name: string, bundle: string): Promise<number> {
  const port = await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `cold-${name}-`));
  const env = {
    ...process.env,
    HOST: '0.0.0.0',
    PORT: String(port),
    DB_PATH: path.join(tmp, 'tea_orders.db'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // Siblings a function may require at start; nothing listens there, health reports them down.
    ORDER_API_URL: process.env.ORDER_API_URL ?? 'http://127.0.0.1:9',
    CHAT_API_URL: process.env.CHAT_API_URL ?? 'http://127.0.0.1:9',
    STT_API_URL: process.env.STT_API_URL ?? 'http://127.0.0.1:9',
    TTS_API_URL: process.env.TTS_API_URL ?? 'http://127.0.0.1:9',
  };
  let stderr = '';
  let exit: string | null = null;
  const started = performance.now();
  const child = spawn(process.execPath, [bundle], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  child.on('exit', (code, signal) => {
    exit = `exited early (code ${code}, signal ${signal}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
  });
  try {
    await firstOk(`http://127.0.0.1:${port}/healthz/${name}`, Date.now() + timeoutMs, () => exit);
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const rows: Array<{ function: string; result: string; best: string; median: string; target: string }> = [];
let failed = false;
for (const name of FUNCTIONS) {
  const bundle = path.join(values.dist, `${name}.mjs`);
  if (!fs.existsSync(bundle)) {
    rows.push({ function: name, result: 'skipped (no bundle)', best: '', median: '', target: '' });
    continue;
  }
  try {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await measure(name, bundle));
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    const ok = median <= TARGET_MS;
    rows.push({
      function: name,
      result: ok ? 'ok' : 'slow',
      best: `${(times[0] ?? 0).toFixed(0)} ms`,
      median: `${median.toFixed(0)} ms`,
      target: `<= ${TARGET_MS} ms`,
    });
  } catch (err) {
    failed = true;
    rows.push({ function: name, result: `error: ${(err as Error).message}`, best: '', median: '', target: '' });
  }
}
console.table(rows);
if (rows.every((r) => r.result.startsWith('skipped'))) console.log('No bundles found: run npm run build first.');
process.exitCode = failed ? 1 : 0;
