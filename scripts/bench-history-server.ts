// The real order function (functions/order/main.ts, run from source as `node dist/order.mjs`
// runs it: restore, open, migrate, snapshot mode when DB_SNAPSHOT_PATH is set) in its own
// process on loopback, with bench-history-probe.mjs preloaded to report its event loop.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

/** Something slower than PROBE_SLOW_MS in the server, at a wall-clock time (ms since the epoch). */
export type SlowEvent = {
  kind: 'stall' | 'gc' | 'sql';
  at: number;
  ms: number;
  sql?: string;
  busyMs?: number;
  waitingMs?: number;
  blockedMs?: number;
  gcKind?: number;
};
export type LoopStats = { maxBlockMs: number; p99DelayMs: number; gc: { count: number; totalMs: number; maxMs: number }; timeline: SlowEvent[] };

export type OrderServer = {
  url: string;
  pid: number;
  /** Starts a new measurement window for loopStats(). */
  resetLoop(): void;
  /** The event loop since the last resetLoop(): longest block, p99 delay, GC pauses. */
  loopStats(): Promise<LoopStats>;
  /** Resolves once the process has used under 10% of a core for a second (start-up work and its first snapshot done). */
  settled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

const main = fileURLToPath(new URL('../functions/order/main.ts', import.meta.url));
const probe = fileURLToPath(new URL('./bench-history-probe.mjs', import.meta.url));

export function startOrderServer(env: Record<string, string>): Promise<OrderServer> {
  return startProbed(['--import', 'tsx', main], env);
}

/** bench:orders' real limit (bench-baseline-server.mjs, plain node), probed the same way. */
export function startBaselineServer(env: Record<string, string>): Promise<OrderServer> {
  return startProbed([fileURLToPath(new URL('./bench-baseline-server.mjs', import.meta.url))], env);
}

async function startProbed(args: string[], env: Record<string, string>): Promise<OrderServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', probe, ...args], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: '0' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (message: { listening?: number }) => typeof message?.listening === 'number' && resolve(message.listening));
    child.once('exit', (code) => reject(new Error(`the order function exited with ${code} before listening`)));
  });
  const pid = child.pid!;
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    resetLoop: () => child.send({ probe: 'reset' }),
    loopStats: () =>
      new Promise((resolve) => {
        const onMessage = (message: { loop?: LoopStats }) => {
          if (!message?.loop) return;
          child.off('message', onMessage);
          resolve(message.loop);
        };
        child.on('message', onMessage);
        child.send({ probe: 'read' });
      }),
    async settled(timeoutMs = 120_000) {
      const end = Date.now() + timeoutMs;
      let quiet = 0;
      let before = cpuMs(pid);
      while (quiet < 4 && Date.now() < end) {
        await sleep(250);
        const now = cpuMs(pid);
        quiet = now - before <= 20 ? quiet + 1 : 0;
        before = now;
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** utime + stime of a process in ms (/proc ticks are 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
