import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Env } from '../config/env.ts';
import { createApp } from './create-app.ts';
import type { FunctionDeps, FunctionInstance } from './function-module.ts';
import { silentLogger } from './logger.ts';
import { runStandalone } from './serve.ts';

// `node dist/<name>.mjs` in process: stdout, process.exit and the signal handlers are
// replaced for the test, so the log lines and exit codes an operator sees can be checked.

let lines: Record<string, unknown>[];
let exits: number[];
let signalHandlers: Map<string, (signal: NodeJS.Signals) => void>;

beforeEach(() => {
  lines = [];
  exits = [];
  signalHandlers = new Map();
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    return true;
  });
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    exits.push(Number(code));
    return undefined as never;
  });
  const once = process.once.bind(process);
  vi.spyOn(process, 'once').mockImplementation((event, listener) => {
    if (event === 'SIGINT' || event === 'SIGTERM') signalHandlers.set(event, listener as (signal: NodeJS.Signals) => void);
    else once(event, listener);
    return process;
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const env: Env = { PORT: '0', HOST: '127.0.0.1', SHUTDOWN_GRACE_MS: '0' };

/** A function whose close() waits for `closeGate` (when given), recording what happened. */
function fakeFunction(closeGate?: Promise<void>) {
  const calls: string[] = [];
  let closeCalled!: () => void;
  const closing = new Promise<void>((resolve) => (closeCalled = resolve));
  let deps: FunctionDeps | undefined;
  const open = async (given: FunctionDeps): Promise<FunctionInstance> => {
    deps = given;
    given.log.info('opened');
    const app = createApp({ name: 'fake', log: silentLogger });
    app.get('/ping', (c) => c.text('pong'));
    return {
      name: 'fake',
      app,
      check: async () => ({ status: 'ok' }),
      close: async () => {
        calls.push('close');
        closeCalled();
        await closeGate;
      },
      closeNow: () => calls.push('closeNow'),
    };
  };
  return { open, calls, closing, deps: () => deps };
}

function signal(name: 'SIGINT' | 'SIGTERM') {
  const handler = signalHandlers.get(name);
  if (!handler) throw new Error(`no ${name} handler`);
  handler(name);
}

describe('runStandalone', () => {
  it('opens the function with its env, logs where it listens, and on SIGTERM stops the server, closes the function, exits 0', async () => {
    const fn = fakeFunction();
    await runStandalone('fake', fn.open, env);
    expect(fn.deps()?.env).toBe(env);
    const listening = lines.find((line) => line.msg === 'listening');
    expect(listening).toMatchObject({ level: 'info', fn: 'fake', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect(lines[0]).toMatchObject({ msg: 'opened' }); // open got the process logger
    const url = String(listening!.url);
    expect(await (await fetch(`${url}/ping`)).text()).toBe('pong');
    expect([...signalHandlers.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);

    signal('SIGTERM');
    await vi.waitUntil(() => exits.length > 0);
    expect(exits).toEqual([0]);
    expect(fn.calls).toEqual(['close']);
    await expect(fetch(`${url}/ping`)).rejects.toThrow();
    expect(lines.map((line) => line.msg)).toEqual(['opened', 'listening', 'shutting down', 'shut down']);
  });

  it('honours LOG_LEVEL: at warn, the info lines are left out', async () => {
    const fn = fakeFunction();
    await runStandalone('fake', fn.open, { ...env, LOG_LEVEL: 'warn' });
    signal('SIGINT');
    await vi.waitUntil(() => exits.length > 0);
    expect(exits).toEqual([0]);
    expect(lines).toEqual([]);
  });

  it('a function that fails to open is logged with its cause and exits 1', async () => {
    vi.mocked(process.exit).mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    const open = async (): Promise<FunctionInstance> => {
      throw new Error('DB_PATH is not writable');
    };
    await expect(runStandalone('order', open, env)).rejects.toThrow('exit 1');
    expect(lines).toMatchObject([{ level: 'error', msg: 'failed to start', fn: 'order', err: { message: 'DB_PATH is not writable' } }]);
  });

  it('a bad server setting is refused at start like a failed open', async () => {
    vi.mocked(process.exit).mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    const fn = fakeFunction();
    await expect(runStandalone('order', fn.open, { ...env, SHUTDOWN_GRACE_MS: 'soon' })).rejects.toThrow('exit 1');
    expect(fn.deps()).toBeUndefined();
    expect(lines).toMatchObject([{ level: 'error', msg: 'failed to start', err: { message: expect.stringContaining('SHUTDOWN_GRACE_MS') } }]);
  });

  it('a shutdown still hung 5 s after the grace period runs the final save (closeNow) and exits 1', async () => {
    const fn = fakeFunction(new Promise(() => {}));
    await runStandalone('fake', fn.open, { ...env, SHUTDOWN_GRACE_MS: '1000' });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    signal('SIGTERM');
    await fn.closing; // vi.waitUntil would advance the fake clock
    vi.advanceTimersByTime(5_999);
    expect(exits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fn.calls).toEqual(['close', 'closeNow']);
    expect(exits).toEqual([1]);
    expect(lines.at(-1)).toMatchObject({ level: 'error', msg: 'forced shutdown', reason: 'graceful shutdown did not finish within 6000 ms' });
  });
});
