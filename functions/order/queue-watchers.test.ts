import type { WSContext } from 'hono/ws';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, silentLogger } from '../../shared/http/logger.ts';
import type { FrameWriter, Snapshot } from './queue-frames.ts';
import { CLOSE_TRY_AGAIN_LATER, createQueueWatchers, DEFAULT_QUEUE_WATCH_LIMITS, type QueueWatchLimits, type WatcherSocket } from './queue-watchers.ts';

/** A socket whose kernel never takes data until the test says so. */
class FakeSocket implements WatcherSocket {
  readyState = 1;
  bufferedAmount = 0;
  frames: Buffer[] = [];
  pending: Array<() => void> = [];
  closed: { code: number; reason: string } | undefined;
  terminated = false;
  onFrame: (() => void) | undefined;
  send(data: Buffer, _options: { binary: boolean }, done: (error?: Error) => void) {
    this.frames.push(data);
    this.pending.push(() => done());
    this.onFrame?.();
  }
  close(code: number, reason: string) {
    this.closed = { code, reason };
    this.readyState = 3;
  }
  terminate() {
    this.terminated = true;
    this.readyState = 3;
  }
  /** The kernel takes everything queued. */
  flush() {
    this.bufferedAmount = 0;
    for (const done of this.pending.splice(0)) done();
  }
  nextFrame() {
    return new Promise<void>((resolve) => (this.onFrame = resolve));
  }
  parsed(i: number) {
    return JSON.parse(this.frames[i]!.toString()) as { type: string; version: number };
  }
}

function setup(limits: Partial<QueueWatchLimits> = {}, log = silentLogger, frames?: FrameWriter) {
  let version = 0;
  let snapshots = 0;
  const listeners = new Set<() => void>();
  const watchers = createQueueWatchers({
    snapshot: () => {
      snapshots += 1;
      return { version };
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    limits: { ...DEFAULT_QUEUE_WATCH_LIMITS, coalesceMs: 1, minIntervalMs: 0, ...limits },
    log,
    ...(frames ? { frames } : {}),
  });
  const open = (client: string | undefined = 'client', socket = new FakeSocket()) => {
    const events = watchers.events(client);
    const ctx = { raw: socket, close: (code: number, reason: string) => socket.close(code, reason) } as unknown as WSContext;
    events.onOpen?.(new Event('open'), ctx);
    return { socket, events, ctx };
  };
  const change = () => {
    version += 1;
    for (const listener of listeners) listener();
  };
  return { watchers, open, change, listeners, snapshotCount: () => snapshots };
}

describe('queue watchers', () => {
  it('builds and serialises one snapshot per coalesced change and hands the same bytes to every socket', async () => {
    const { open, change, snapshotCount } = setup({ sliceSize: 7 });
    const sockets = Array.from({ length: 50 }, () => open(`c${Math.random()}`).socket);
    expect(snapshotCount()).toBe(1); // the opening snapshot is shared too
    expect(new Set(sockets.map((socket) => socket.frames[0])).size).toBe(1);
    const last = sockets.at(-1)!.nextFrame();
    for (let i = 0; i < 10; i += 1) change();
    await last;
    expect(snapshotCount()).toBe(2);
    const second = sockets.map((socket) => socket.frames[1]);
    expect(second.every((frame) => frame === second[0])).toBe(true);
    expect(sockets[0]!.parsed(1)).toEqual({ type: 'queue', version: 10 });
  });

  it('ignores client frames', () => {
    const { open, snapshotCount } = setup();
    const { socket, events, ctx } = open();
    for (let i = 0; i < 1000; i += 1) events.onMessage?.(new MessageEvent('message', { data: 'x' }), ctx);
    expect(socket.frames).toHaveLength(1);
    expect(snapshotCount()).toBe(1);
  });

  it('skips a socket over its buffer bound, then sends it only the latest snapshot once it drains', async () => {
    const { open, change, watchers } = setup({ maxBufferedBytes: 1000 });
    const slow = open('slow').socket;
    const fast = open('fast').socket;
    slow.bufferedAmount = 5000;
    for (let round = 1; round <= 3; round += 1) {
      const got = fast.nextFrame();
      change();
      await got;
      fast.flush();
    }
    expect(fast.frames.map((_, i) => fast.parsed(i).version)).toEqual([0, 1, 2, 3]);
    expect(slow.frames).toHaveLength(1);
    expect(watchers.stats().held).toBe(1);
    slow.flush();
    expect(slow.frames.map((_, i) => slow.parsed(i).version)).toEqual([0, 3]);
    expect(watchers.stats().held).toBe(0);
  });

  it('drops a socket that stays over its bound', async () => {
    let warn: (msg: string) => void = () => {};
    const warned = new Promise<string>((resolve) => (warn = resolve));
    const log = createLogger({ level: 'warn', write: (line) => warn(JSON.parse(line).msg) });
    const { open, change, watchers } = setup({ maxBufferedBytes: 1000, stuckMs: 20 }, log);
    const stuck = open().socket;
    stuck.bufferedAmount = 5000;
    change();
    expect(await warned).toMatch(/not reading/);
    expect(stuck.terminated).toBe(true);
    expect(watchers.stats().held).toBe(1); // until ws reports the close
  });

  it('caps watchers per client and in total, closing the extra ones with 1013 and a reason', () => {
    const { open, watchers } = setup({ maxPerClient: 2, maxTotal: 3 });
    const [a1, a2, a3] = [open('a'), open('a'), open('a')].map((opened) => opened.socket);
    expect([a1!.closed, a2!.closed]).toEqual([undefined, undefined]);
    expect(a3!.closed).toEqual({ code: CLOSE_TRY_AGAIN_LATER, reason: expect.stringMatching(/one address/) });
    expect(open('b').socket.closed).toBeUndefined();
    expect(open('c').socket.closed).toEqual({ code: CLOSE_TRY_AGAIN_LATER, reason: expect.stringMatching(/too many queue watchers \(3\)/) });
    // Unknown clients (a proxy forwarding no address) meet only the total cap.
    expect(open(undefined).socket.closed?.code).toBe(CLOSE_TRY_AGAIN_LATER);
    expect(watchers.stats().watchers).toBe(3);
  });

  it("frees a client's place when its socket closes, and stops listening when nobody watches", () => {
    const { open, watchers, listeners } = setup({ maxPerClient: 1 });
    const first = open('a');
    expect(listeners.size).toBe(1);
    first.events.onClose?.(new Event('close') as CloseEvent, first.ctx);
    expect(listeners.size).toBe(0);
    expect(open('a').socket.closed).toBeUndefined();
    expect(watchers.stats().watchers).toBe(1);
  });

  it('asks the frame writer once per socket how to send, and hands it the one snapshot of each change', async () => {
    const asked: WatcherSocket[] = [];
    const sent: Snapshot[] = [];
    const frames: FrameWriter = (socket) => {
      asked.push(socket);
      return (snapshot, done) => {
        sent.push(snapshot);
        done();
      };
    };
    const { open, change } = setup({}, silentLogger, frames);
    const sockets = [open('a').socket, open('b').socket];
    expect(asked).toEqual(sockets);
    change();
    await vi.waitFor(() => expect(sent).toHaveLength(4));
    expect(sent[2]).toBe(sent[3]);
    expect(JSON.parse(sent[3]!.text.toString())).toEqual({ type: 'queue', version: 1 });
    expect(sockets.every((socket) => socket.frames.length === 0)).toBe(true);
  });
});
