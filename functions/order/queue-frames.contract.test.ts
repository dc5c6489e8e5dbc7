import { upgradeWebSocket } from '@hono/node-server';
import { Hono } from 'hono';
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { listen, type RunningServer } from '../../shared/http/serve.ts';
import { transportOf } from '../../shared/http/ws-transport.ts';
import { FRAME_WRITERS, type SendSnapshot, type Snapshot, type WatcherSocket } from './queue-frames.ts';

// One contract for both ways a /queue/ws snapshot reaches a socket (queue-frames.ts), run over a
// real loopback server (shared/http/serve.ts, the production ws settings) against real ws
// clients. For the shared frames these are also the pins against ws's behaviour: its client
// inflates our hand-built frames, its own close and ping frames interleave with ours, and its
// public bufferedAmount counts the bytes we wrote to its TCP socket (the watchers' slow-reader
// bound relies on that).

type Opened = { socket: WatcherSocket; send: SendSnapshot };
const running: RunningServer[] = [];
const rawClients: Socket[] = [];
afterEach(async () => {
  for (const client of rawClients.splice(0)) client.destroy();
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

async function start(writer: keyof typeof FRAME_WRITERS) {
  const opened: Opened[] = [];
  const waiting: Array<() => void> = [];
  const app = new Hono();
  app.get(
    '/frames',
    upgradeWebSocket(() => ({
      onOpen(_event, ws) {
        const socket = ws.raw as unknown as WatcherSocket; // node-server types raw narrower than ws gives
        opened.push({ socket, send: FRAME_WRITERS[writer](socket) });
        for (const resolve of waiting.splice(0)) resolve();
      },
    })),
  );
  const server = await listen(app.fetch, 0, '127.0.0.1');
  running.push(server);
  /** The server side of the n-th socket to open. */
  const serverSide = async (n: number) => {
    while (opened.length <= n) await new Promise<void>((resolve) => waiting.push(resolve));
    return opened[n]!;
  };
  return { url: `ws://127.0.0.1:${server.port}/frames`, port: server.port, serverSide };
}

function client(url: string, deflate: boolean) {
  const socket = new WebSocket(url, { perMessageDeflate: deflate });
  const messages: string[] = [];
  socket.on('message', (data, isBinary) => {
    expect(isBinary).toBe(false);
    messages.push(String(data));
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  return { socket, messages, opened, closed };
}

/** A raw client offering permessage-deflate that counts the bytes on the wire and can stop reading. */
async function rawClient(port: number) {
  const socket = connect(port, '127.0.0.1');
  rawClients.push(socket);
  let bytes = 0;
  await new Promise<void>((resolve) => {
    socket.once('connect', () =>
      socket.write(
        `GET /frames HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n`,
      ),
    );
    socket.on('data', (chunk: Buffer) => {
      if (bytes === 0 && chunk.includes('101 Switching Protocols')) resolve();
      else bytes += chunk.length;
    });
  });
  return { socket, bytes: () => bytes };
}

const snapshot = (text: string): Snapshot => ({ text: Buffer.from(text) });
const sendAll = (send: SendSnapshot, snapshots: Snapshot[]) =>
  Promise.all(snapshots.map((s) => new Promise<void>((resolve, reject) => send(s, (error) => (error ? reject(error) : resolve())))));
const randomText = (bytes: number) => JSON.stringify({ type: 'queue', noise: randomBytes(bytes / 2).toString('hex') });

describe.each(['plain', 'shared'] as const)('queue frames: %s', (writer) => {
  it('delivers each snapshot as one text message, whole and in order, with and without permessage-deflate', async () => {
    const { url, serverSide } = await start(writer);
    // Payload lengths under 126, under 64 KiB and over it (the three header forms), compressible or not.
    const snapshots = [JSON.stringify({ type: 'queue', v: 1 }), JSON.stringify({ a: 'x'.repeat(5000) }), randomText(2000), randomText(200_000), '中文 ¥18'].map(
      snapshot,
    );
    for (const [n, deflate] of [false, true].entries()) {
      const board = client(url, deflate);
      await board.opened;
      expect(board.socket.extensions).toBe(deflate ? 'permessage-deflate' : '');
      const { send } = await serverSide(n);
      await sendAll(send, snapshots);
      await vi.waitFor(() => expect(board.messages).toHaveLength(snapshots.length));
      expect(board.messages).toEqual(snapshots.map((s) => s.text.toString()));
      board.socket.close();
    }
  });

  it("interleaves with ws's own frames: a ping between snapshots and the close after them", async () => {
    const { url, serverSide } = await start(writer);
    const board = client(url, true);
    const pinged = new Promise<void>((resolve) => board.socket.once('ping', () => resolve()));
    await board.opened;
    const { socket, send } = await serverSide(0);
    await sendAll(send, [snapshot('{"n":1}')]);
    (socket as unknown as WebSocket).ping();
    await sendAll(send, [snapshot('{"n":2}')]);
    socket.close(1000, 'bye');
    expect(await board.closed).toEqual({ code: 1000, reason: 'bye' });
    await pinged;
    expect(board.messages).toEqual(['{"n":1}', '{"n":2}']);
  });

  it("counts what the kernel has not taken in the socket's bufferedAmount, and calls done once it drains", async () => {
    const { port, serverSide } = await start(writer);
    const reader = await rawClient(port);
    reader.socket.pause();
    const { socket, send } = await serverSide(0);
    const big = Array.from({ length: 16 }, () => snapshot(randomText(1 << 20)));
    let done = 0;
    for (const s of big) send(s, () => (done += 1));
    await vi.waitFor(() => expect(socket.bufferedAmount).toBeGreaterThan(1 << 20));
    expect(done).toBeLessThan(big.length);
    reader.socket.resume();
    await vi.waitFor(() => expect(done).toBe(big.length), { timeout: 10_000 });
    expect(socket.bufferedAmount).toBe(0);
  });
});

describe('queue frames: shared', () => {
  it('compresses a snapshot once for every deflate socket: the same bytes, far fewer than the text', async () => {
    const { port, serverSide } = await start('shared');
    const readers = [await rawClient(port), await rawClient(port)];
    const text = JSON.stringify({ type: 'queue', active: Array.from({ length: 150 }, (_, i) => ({ pickupCode: String(i), status: 'placed' })) });
    const shared = snapshot(text);
    const sides = [await serverSide(0), await serverSide(1)];
    expect(sides.every((side) => transportOf(side.socket) !== undefined)).toBe(true);
    await sendAll(sides[0]!.send, [shared]);
    const frame = shared.deflated;
    await sendAll(sides[1]!.send, [shared]);
    expect(shared.deflated).toBe(frame);
    await vi.waitFor(() => expect(readers.map((reader) => reader.bytes())).toEqual([frame!.length, frame!.length]));
    expect(frame!.length).toBeLessThan(text.length / 5);
  });

  it('sends plain frames to a socket this process did not upgrade (no known TCP socket)', () => {
    const sent: Buffer[] = [];
    const fake: WatcherSocket = {
      readyState: 1,
      bufferedAmount: 0,
      extensions: 'permessage-deflate',
      send: (data, _options, done) => {
        sent.push(data);
        done();
      },
      close() {},
      terminate() {},
    };
    const s = snapshot('{"n":1}');
    FRAME_WRITERS.shared(fake)(s, () => {});
    expect(sent).toEqual([s.text]);
    expect(s.deflated).toBeUndefined();
  });
});
