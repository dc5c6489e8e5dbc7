import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createLogger, silentLogger, type Logger } from '../../shared/http/logger.ts';
import { listen, type RunningServer } from '../../shared/http/serve.ts';
import { openTestOrderService, sampleLine } from '../../shared/testing/order-fixture.ts';
import { createOrderApp } from './app.ts';
import { CLOSE_TRY_AGAIN_LATER, createQueueWatchers, DEFAULT_QUEUE_WATCH_LIMITS, type QueueWatchLimits } from './queue-watchers.ts';

// /queue/ws over a real loopback server: the order app on a fresh in-memory database.
const running: RunningServer[] = [];
const rawSockets: Socket[] = [];
afterEach(async () => {
  for (const socket of rawSockets.splice(0)) socket.destroy();
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

async function start(limits: Partial<QueueWatchLimits> = {}, log: Logger = silentLogger) {
  const { service } = openTestOrderService();
  const watchers = createQueueWatchers({
    snapshot: () => service.queue(),
    subscribe: (listener) => service.onQueueChange(listener),
    limits: { ...DEFAULT_QUEUE_WATCH_LIMITS, ...limits },
    log,
  });
  const app = createOrderApp({ service, log: silentLogger, queueWatchers: watchers, orderRatePerMinute: 1_000_000 });
  const server = await listen(app.fetch, 0, '127.0.0.1');
  running.push(server);
  return { service, watchers, url: `ws://127.0.0.1:${server.port}/queue/ws`, port: server.port };
}

/** A watcher that records every frame and can wait for the next one. */
function watch(url: string) {
  const socket = new WebSocket(url);
  const frames: any[] = [];
  const waiting: Array<() => void> = [];
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)));
    for (const resolve of waiting.splice(0)) resolve();
  });
  const next = () => new Promise<void>((resolve) => waiting.push(resolve));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  return { socket, frames, next, opened, closed };
}

describe('GET /queue/ws', () => {
  it('ignores client frames: a flood of them brings no snapshots', async () => {
    const { url } = await start();
    const watcher = watch(url);
    const first = watcher.next();
    await watcher.opened;
    await first;
    for (let i = 0; i < 300; i += 1) watcher.socket.send('x');
    // The server handles frames in order; its pong comes after anything it sent for them.
    await new Promise<void>((resolve) => {
      watcher.socket.once('pong', () => resolve());
      watcher.socket.ping();
    });
    expect(watcher.frames).toHaveLength(1);
    watcher.socket.close();
  });

  it('pushes one shared snapshot per burst of changes to every watcher', async () => {
    const { url, service, watchers } = await start({ coalesceMs: 20 });
    const boards = Array.from({ length: 20 }, () => watch(url));
    await Promise.all(boards.map((board) => board.opened));
    await vi.waitFor(() => expect(boards.every((board) => board.frames.length === 1)).toBe(true));
    const buildsBefore = watchers.stats().builds;
    const next = boards.map((board) => board.next());
    await Promise.all(Array.from({ length: 5 }, () => service.createOrder({ lines: [sampleLine] })));
    await Promise.all(next);
    expect(watchers.stats().builds - buildsBefore).toBe(1);
    for (const board of boards) {
      expect(board.socket.extensions).toBe('permessage-deflate'); // so these frames came compressed, one buffer for all
      expect(board.frames[1].active).toHaveLength(5);
      board.socket.close();
    }
  });

  it('refuses watchers over the per-client cap with close code 1013 and a reason', async () => {
    const { url } = await start({ maxPerClient: 2 });
    const allowed = [watch(url), watch(url)];
    await Promise.all(allowed.map((board) => board.opened));
    const extra = watch(url);
    expect(await extra.closed).toEqual({ code: CLOSE_TRY_AGAIN_LATER, reason: expect.stringMatching(/too many queue watchers/) });
    allowed[0]!.socket.close();
    await allowed[0]!.closed;
    // A place is free again once one of them leaves.
    await vi.waitFor(async () => {
      const again = watch(url);
      const result = await Promise.race([again.closed.then(() => 'closed'), again.next().then(() => 'snapshot')]);
      again.socket.close();
      expect(result).toBe('snapshot');
    });
    allowed[1]!.socket.close();
  });

  it('holds back a client that never reads (bounded buffer) and drops it when it stays stuck', async () => {
    let onWarn: (msg: string) => void = () => {};
    const dropped = new Promise<string>((resolve) => (onWarn = resolve));
    const log = createLogger({ level: 'warn', write: (line) => onWarn(JSON.parse(line).msg) });
    const maxBufferedBytes = 32 * 1024;
    const { port, url, service, watchers } = await start({ coalesceMs: 1, minIntervalMs: 0, maxBufferedBytes, stuckMs: 500 }, log);
    // Big orders make big snapshots (100 KB and growing), so the kernel's socket buffers fill in a few rounds.
    const bigOrder = { lines: Array.from({ length: 20 }, () => sampleLine) };
    for (let i = 0; i < 20; i += 1) await service.createOrder(bigOrder);

    // A raw client: upgrades, then never reads another byte.
    const raw = connect(port, '127.0.0.1');
    rawSockets.push(raw);
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    raw.write(
      `GET /queue/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
    );
    raw.pause();
    const reader = watch(url);
    await reader.opened;
    await vi.waitFor(() => expect(watchers.stats().watchers).toBe(2));

    // Keep changing the queue until the server holds the raw client back.
    let rounds = 0;
    while (watchers.stats().held === 0 && rounds < 2000) {
      const delivered = reader.next();
      await service.createOrder(bigOrder);
      await delivered;
      rounds += 1;
    }
    expect(watchers.stats().held).toBe(1);
    // Further changes still reach the reader but add nothing to the stuck socket's buffer.
    for (let i = 0; i < 5; i += 1) {
      const delivered = reader.next();
      await service.createOrder(bigOrder);
      await delivered;
      const { maxBufferedBytes: buffered, frameBytes } = watchers.stats();
      expect(buffered).toBeLessThanOrEqual(maxBufferedBytes + frameBytes);
    }
    expect(await dropped).toMatch(/not reading/);
    await vi.waitFor(() => expect(watchers.stats().watchers).toBe(1));
    reader.socket.close();
  }, 30_000);
});
