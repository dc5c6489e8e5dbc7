import { serve, type ServerType } from '@hono/node-server';
import { type IncomingMessage, Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { WebSocketServer } from 'ws';
import { readHttpConfig } from '../config/http-config.ts';
import { DEFAULT_SERVER_CONFIG, readServerConfig, type ServerConfig } from '../config/server-config.ts';
import type { Env } from '../config/env.ts';
import { toErrorBody } from '../errors.ts';
import type { FunctionInstance, OpenFunction } from './function-module.ts';
import { createLogger, type Logger } from './logger.ts';
import { rememberTransport } from './ws-transport.ts';

export type RunningServer = {
  port: number;
  server: ServerType;
  /**
   * Graceful stop: from now on every request (new connection or kept-alive one) is answered
   * 503 shutting_down with Connection: close; requests in flight finish; connections still
   * open after the grace period are cut. Resolves once every connection is closed.
   */
  stop(): Promise<void>;
};

const RETRY_AFTER_SECONDS = 5;

function shuttingDownResponse(): Response {
  return new Response(JSON.stringify(toErrorBody('shutting_down', 'the server is shutting down; retry in a few seconds')), {
    status: 503,
    headers: { 'content-type': 'application/json', connection: 'close', 'retry-after': String(RETRY_AFTER_SECONDS) },
  });
}

/** Serves a fetch handler on host:port with WebSocket upgrades enabled, slow-client timeouts and a graceful stop. */
export function listen(
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>,
  port: number,
  host: string,
  config: ServerConfig = DEFAULT_SERVER_CONFIG,
): Promise<RunningServer> {
  // permessage-deflate is offered without context takeover and never used by ws itself
  // (threshold): /queue/ws compresses each snapshot once and writes the same frame to every
  // socket that accepted the extension, on the TCP socket remembered here (functions/order/queue-frames.ts).
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    perMessageDeflate: { serverNoContextTakeover: true, clientNoContextTakeover: true, threshold: Number.MAX_SAFE_INTEGER },
  });
  wss.on('connection', (websocket, request: IncomingMessage) => rememberTransport(websocket, request.socket));
  let shuttingDown = false;
  const guarded = (request: Request, env?: unknown) => (shuttingDown ? shuttingDownResponse() : fetch(request, env));
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: guarded,
        port,
        hostname: host,
        websocket: { server: wss },
        serverOptions: {
          headersTimeout: config.headersTimeoutMs,
          // Node's own whole-request limit is the backstop; the per-route one is enforceRequestDeadline.
          // (Node refuses a headersTimeout above requestTimeout.)
          requestTimeout: Math.max(config.headersTimeoutMs, config.requestTimeoutMs, config.uploadTimeoutMs) + 1000,
          keepAliveTimeout: config.keepAliveTimeoutMs,
          // Node checks the two timeouts above only this often (30 s by default).
          connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.headersTimeoutMs / 4))),
        },
      },
      (info: AddressInfo) => {
        resolve({
          port: info.port,
          server,
          stop: async () => {
            shuttingDown = true;
            await drain(http1(server), wss, config.shutdownGraceMs);
          },
        });
      },
    );
    http1(server).on('request', (req: IncomingMessage, res: ServerResponse) => enforceRequestDeadline(req, res, config));
    server.once('error', reject);
  });
}

/** serve() builds a plain HTTP/1.1 server here (no createServer option); its type also covers HTTP/2. */
function http1(server: ServerType): Server {
  if (server instanceof Server) return server;
  throw new Error('listen() serves HTTP/1.1 only');
}

/**
 * A request whose body has not fully arrived within its deadline (longer for uploads) gets
 * 408 and its connection closed: a client trickling a byte every few seconds cannot hold a
 * connection (and its buffers) open.
 */
function enforceRequestDeadline(req: IncomingMessage, res: ServerResponse, config: ServerConfig): void {
  if (req.complete) return;
  const path = req.url ?? '/';
  const upload = config.uploadPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`));
  const timer = setTimeout(
    () => {
      if (req.complete) return;
      if (res.headersSent) {
        req.socket.destroy();
        return;
      }
      res.shouldKeepAlive = false;
      res.writeHead(408, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify(toErrorBody('request_timeout', 'the request body did not arrive in time')), () => req.socket.destroy());
    },
    upload ? config.uploadTimeoutMs : config.requestTimeoutMs,
  );
  timer.unref();
  const clear = () => clearTimeout(timer);
  req.once('end', clear);
  req.once('close', clear);
  res.once('close', clear);
}

/** Stops accepting, lets in-flight requests finish, then closes every connection. */
async function drain(server: Server, wss: WebSocketServer, graceMs: number): Promise<void> {
  const closed = new Promise<void>((done) => server.close(() => done()));
  for (const client of wss.clients) client.close(1001, 'server shutting down');
  // A kept-alive connection is idle between requests: close it then. One that sends another
  // request first gets the 503 with Connection: close, and Node closes it after that answer.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 20);
  const cut = setTimeout(() => {
    server.closeAllConnections();
    for (const client of wss.clients) client.terminate();
  }, graceMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}

export type ShutdownOptions = {
  /** The graceful path: stop the server, then close the function (final snapshot). */
  stop: () => Promise<void>;
  /** The forced path's last resort, synchronous: e.g. the order service's final snapshot. */
  forceNow?: () => void;
  log: Logger;
  /** When the graceful path has not finished by then, forceNow() and exit 1. */
  forceAfterMs?: number;
  exit?: (code: number) => void;
  signals?: Pick<NodeJS.Process, 'once'>;
};

/** Stops on SIGINT/SIGTERM: the graceful path exits 0; a hung or failed one still runs forceNow() before exiting 1. */
export function stopOnSignals({ stop, forceNow, log, forceAfterMs = 10_000, exit = (code) => process.exit(code), signals = process }: ShutdownOptions): void {
  let stopping = false;
  const force = (reason: string, err?: unknown) => {
    log.error('forced shutdown', { reason, ...(err ? { err } : {}) });
    try {
      forceNow?.();
    } catch (error) {
      log.error('forced shutdown: final save failed', { err: error });
    }
    exit(1);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    const timer = setTimeout(() => force(`graceful shutdown did not finish within ${forceAfterMs} ms`), forceAfterMs);
    timer.unref();
    stop()
      .then(() => {
        clearTimeout(timer);
        log.info('shut down', { signal });
        exit(0);
      })
      .catch((err: unknown) => {
        clearTimeout(timer);
        force('graceful shutdown failed', err);
      });
  };
  signals.once('SIGINT', onSignal);
  signals.once('SIGTERM', onSignal);
}

/** How `node dist/<name>.mjs` runs one function on its own (the Modal stub starts it this way). */
export async function runStandalone(name: string, open: OpenFunction, env: Env): Promise<void> {
  const http = readHttpConfig(env);
  const log = createLogger({ level: http.logLevel });
  let instance: FunctionInstance;
  let serverConfig: ServerConfig;
  try {
    serverConfig = readServerConfig(env);
    instance = await open({ env, log });
  } catch (err) {
    log.error('failed to start', { fn: name, err });
    process.exit(1);
  }
  const running = await listen(instance.app.fetch, http.port, http.host, serverConfig);
  log.info('listening', { fn: name, url: `http://${http.host}:${running.port}` });
  stopOnSignals({
    stop: async () => {
      await running.stop();
      await instance.close();
    },
    ...(instance.closeNow ? { forceNow: instance.closeNow } : {}),
    log,
    forceAfterMs: serverConfig.shutdownGraceMs + 5_000,
  });
}

/** True when this module is the process entry point (`node dist/order.mjs`), not an import. */
export function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(entry).href === moduleUrl;
}
