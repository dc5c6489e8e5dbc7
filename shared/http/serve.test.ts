import { EventEmitter, once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_CONFIG, type ServerConfig } from '../config/server-config.ts';
import { listen, stopOnSignals, type RunningServer } from './serve.ts';
import { createLogger, silentLogger } from './logger.ts';

// Issue 11 items 5 (slow clients) and 11 (SIGTERM under keep-alive load).
const fast: ServerConfig = {
  ...DEFAULT_SERVER_CONFIG,
  headersTimeoutMs: 300,
  requestTimeoutMs: 300,
  uploadTimeoutMs: 60_000,
  keepAliveTimeoutMs: 300,
  shutdownGraceMs: 2000,
};

let running: RunningServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await running?.stop();
  running = undefined;
});

async function start(handler: (request: Request) => Response | Promise<Response>, config = fast) {
  running = await listen(handler, 0, '127.0.0.1', config);
  return running;
}

async function open(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  // The server cutting a connection is what these tests want: a write racing the cut may get
  // ECONNRESET / EPIPE, which must not surface as an unhandled error. The tests check 'close'.
  socket.on('error', () => {});
  await once(socket, 'connect');
  return socket;
}

/** Writes one byte at a time until the server closes the connection; resolves with what it answered. */
function trickle(socket: Socket, text: string): Promise<string> {
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  let index = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || socket.writableEnded) return clearInterval(timer);
    socket.write(text[index % text.length]!);
    index += 1;
  }, 30);
  return new Promise((resolve) =>
    socket.once('close', () => {
      clearInterval(timer);
      resolve(received);
    }),
  );
}

const echo = async (request: Request) => new Response(request.method === 'POST' ? await request.text() : 'ok');

describe('slow clients', () => {
  it('closes a connection that trickles its headers', async () => {
    const { port } = await start(echo);
    const answer = await trickle(
      await open(port),
      'GET / HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    );
    expect(answer).not.toMatch(/200 OK/);
  });

  it('answers 408 and closes a request whose body trickles; an /stt upload gets longer', async () => {
    const { port } = await start(echo);
    const upload = await open(port);
    let uploadClosed = false;
    upload.once('close', () => (uploadClosed = true));
    upload.write('POST /stt?lang=en HTTP/1.1\r\nHost: x\r\nContent-Type: audio/wav\r\nContent-Length: 4\r\n\r\nab');
    const slow = await open(port);
    slow.write('POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
    const answer = await trickle(slow, 'x');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('"code":"request_timeout"');
    // The upload started first and is still open; it completes normally.
    expect(uploadClosed).toBe(false);
    let body = '';
    upload.on('data', (chunk) => (body += chunk.toString()));
    upload.end('cd');
    await once(upload, 'close');
    expect(body).toMatch(/^HTTP\/1\.1 200/);
    expect(body).toMatch(/abcd$/);
  });

  it('closes an idle keep-alive connection', async () => {
    const { port } = await start(echo);
    const socket = await open(port);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await once(socket, 'close');
    expect(received).toMatch(/^HTTP\/1\.1 200/);
  });
});

describe('graceful stop', () => {
  it('finishes the request in flight and answers new ones 503 shutting_down with Connection: close', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const server = await start(
      async (request) => {
        if (new URL(request.url).pathname === '/slow') {
          entered();
          await released;
          return new Response('done');
        }
        return new Response('ok');
      },
      { ...fast, keepAliveTimeoutMs: 60_000 },
    );
    // One connection with a request in flight when the stop begins; another one in the middle
    // of sending its headers (not idle, so not closed), which it finishes during the stop.
    const busy = await open(server.port);
    let busyAnswer = '';
    busy.on('data', (chunk) => (busyAnswer += chunk.toString()));
    busy.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await inHandler;
    const late = await open(server.port);
    let lateAnswer = '';
    late.on('data', (chunk) => (lateAnswer += chunk.toString()));
    late.write('GET /fast HTTP/1.1\r\nHost: x\r\n');
    let stopped = false;
    const stopping = server.stop().then(() => (stopped = true));
    running = undefined;
    // A new connection during the stop is refused or answered 503.
    const fresh = await fetch(`http://127.0.0.1:${server.port}/fast`).then(
      (response) => response.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(fresh);
    late.write('\r\n');
    await once(late, 'close');
    expect(lateAnswer).toMatch(/^HTTP\/1\.1 503/);
    expect(lateAnswer.toLowerCase()).toContain('connection: close');
    expect(lateAnswer.toLowerCase()).toContain('retry-after: 5');
    expect(lateAnswer).toContain('"code":"shutting_down"');
    expect(stopped).toBe(false);
    release();
    await once(busy, 'close');
    expect(busyAnswer).toMatch(/^HTTP\/1\.1 200/);
    expect(busyAnswer).toMatch(/done$/);
    await stopping;
  });
});

describe('stopOnSignals', () => {
  const fakeProcess = () => {
    const emitter = new EventEmitter();
    return { signals: { once: (event: string, fn: (signal: NodeJS.Signals) => void) => emitter.once(event, fn) } as Pick<NodeJS.Process, 'once'>, emitter };
  };

  it('exits 0 after a graceful stop', async () => {
    const { signals, emitter } = fakeProcess();
    const exited = new Promise<number>((resolve) => stopOnSignals({ stop: async () => {}, log: silentLogger, signals, exit: resolve }));
    emitter.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(0);
  });

  it('on a hung stop, the forced path still saves (forceNow) before exiting 1', async () => {
    const { signals, emitter } = fakeProcess();
    const calls: string[] = [];
    const exited = new Promise<number>((resolve) =>
      stopOnSignals({
        stop: () => new Promise(() => {}),
        forceNow: () => calls.push('forceNow'),
        log: silentLogger,
        signals,
        forceAfterMs: 50,
        exit: (code) => {
          calls.push(`exit ${code}`);
          resolve(code);
        },
      }),
    );
    emitter.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(1);
    expect(calls).toEqual(['forceNow', 'exit 1']);
  });
});

describe('slow clients while the answer streams', () => {
  it('cuts the connection of a body that trickles past the deadline after the answer has started', async () => {
    let cancel!: () => void;
    const cancelled = new Promise<void>((resolve) => (cancel = resolve));
    const { port } = await start(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('started'));
            },
            cancel: () => cancel(),
          }),
        ),
    );
    const socket = await open(port);
    socket.write('POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
    const answer = await trickle(socket, 'x');
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).not.toContain('408');
    await cancelled;
  });
});

describe('stopOnSignals forced paths', () => {
  const fakeProcess = () => {
    const emitter = new EventEmitter();
    return { signals: { once: (event: string, fn: (signal: NodeJS.Signals) => void) => emitter.once(event, fn) } as Pick<NodeJS.Process, 'once'>, emitter };
  };
  const capture = () => {
    const lines: Record<string, unknown>[] = [];
    return { log: createLogger({ write: (line) => lines.push(JSON.parse(line)) }), lines };
  };

  it('a failed graceful stop logs its cause, still saves (forceNow) and exits 1; a second signal is ignored', async () => {
    const { signals, emitter } = fakeProcess();
    const { log, lines } = capture();
    const calls: string[] = [];
    const exited = new Promise<number>((resolve) =>
      stopOnSignals({
        stop: async () => {
          calls.push('stop');
          throw new Error('close failed');
        },
        forceNow: () => calls.push('forceNow'),
        log,
        signals,
        exit: (code) => {
          calls.push(`exit ${code}`);
          resolve(code);
        },
      }),
    );
    emitter.emit('SIGINT', 'SIGINT');
    emitter.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(1);
    expect(calls).toEqual(['stop', 'forceNow', 'exit 1']);
    expect(lines).toMatchObject([
      { level: 'info', msg: 'shutting down', signal: 'SIGINT' },
      { level: 'error', msg: 'forced shutdown', reason: 'graceful shutdown failed', err: { message: 'close failed' } },
    ]);
  });

  it('a final save that throws is logged and the process still exits 1', async () => {
    const { signals, emitter } = fakeProcess();
    const { log, lines } = capture();
    const exited = new Promise<number>((resolve) =>
      stopOnSignals({
        stop: () => new Promise(() => {}),
        forceNow: () => {
          throw new Error('disk full');
        },
        log,
        signals,
        forceAfterMs: 10,
        exit: resolve,
      }),
    );
    emitter.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(1);
    const errors = lines.filter((line) => line.level === 'error');
    expect(errors).toMatchObject([
      { msg: 'forced shutdown', reason: 'graceful shutdown did not finish within 10 ms' },
      { msg: 'forced shutdown: final save failed', err: { message: 'disk full' } },
    ]);
    expect(errors[0]).not.toHaveProperty('err');
  });
});

describe('deadlines by path and the end of a stop', () => {
  it('gives /stt, /stt/... and /stt?... uploads the long deadline, and /sttx the normal one', async () => {
    const { port } = await start(echo);
    const partial = async (path: string) => {
      const socket = await open(port);
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      let closed = false;
      socket.once('close', () => (closed = true));
      socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab`);
      return { socket, answer: () => answer, closed: () => closed };
    };
    const uploads = [await partial('/stt'), await partial('/stt/stream'), await partial('/stt?lang=en')];
    const other = await partial('/sttx');
    await once(other.socket, 'close');
    expect(other.answer()).toMatch(/^HTTP\/1\.1 408/);
    // One more round trip, so a misjudged upload (its timer started first) would be closed by now.
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    expect(uploads.map((upload) => upload.closed())).toEqual([false, false, false]);
  });

  it('cuts a request still running after the grace period, and closes WebSockets with 1001', async () => {
    const { upgradeWebSocket } = await import('@hono/node-server');
    const { Hono } = await import('hono');
    const { default: WebSocket } = await import('ws');
    const app = new Hono();
    app.get(
      '/ws',
      upgradeWebSocket(() => ({})),
    );
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    app.get('/hang', () => {
      entered();
      return new Promise<Response>(() => {});
    });
    const server = await start(app.fetch, { ...fast, shutdownGraceMs: 100 });
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
    await once(socket, 'open');
    const wsClosed = once(socket, 'close');
    const hung = await open(server.port);
    hung.write('GET /hang HTTP/1.1\r\nHost: x\r\n\r\n');
    await inHandler;
    running = undefined;
    const hungClosed = once(hung, 'close');
    await server.stop();
    await hungClosed;
    const [code, reason] = await wsClosed;
    expect([code, String(reason)]).toEqual([1001, 'server shutting down']);
  });
});

describe('listen', () => {
  it('rejects when the port is taken, so the function fails to start instead of hanging', async () => {
    const first = await start(echo);
    await expect(listen(echo, first.port, '127.0.0.1', fast)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
