import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export type SpawnedBundle = { url: string; child: ChildProcess; output: () => string; stop(signal?: NodeJS.Signals): Promise<number | null> };

// Preloaded into the child: reports the port its server bound over the IPC channel. The bundle
// itself runs unchanged with PORT=0, so no port is freed by the test and then reused.
const REPORT_PORT = `import net from 'node:net';
process.channel?.unref(); // the channel must not keep the process alive: it exits by itself on SIGTERM
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once('listening', () => { const a = this.address(); if (a && typeof a === 'object') process.send?.({ listening: a.port }); });
  return listen.apply(this, args);
};`;

/** Starts `node <dist>/<name>.mjs` the way the Modal stub does (PORT=0) and waits until it serves /healthz/<name>. */
export async function spawnBundle(distDir: string, name: string, env: Record<string, string>, timeoutMs = 30_000): Promise<SpawnedBundle> {
  let output = '';
  const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(REPORT_PORT)}`, join(distDir, `${name}.mjs`)], {
    // Only what the Modal stub would set: the bundle must not depend on the test's environment.
    env: { HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // The timer only guards against a hang; the port arrives as an event.
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start listening within ${timeoutMs} ms: ${output}`));
    }, timeoutMs);
    child.on('message', (message: { listening?: number }) => {
      if (typeof message?.listening !== 'number') return;
      clearTimeout(timer);
      resolve(message.listening);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}: ${output}`));
    });
  });
  child.channel?.unref();
  const url = `http://127.0.0.1:${port}`;
  const health = await fetch(`${url}/healthz/${name}`);
  if (!health.ok) throw new Error(`${name} is listening but unhealthy (${health.status}): ${output}`);
  return {
    url,
    child,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
