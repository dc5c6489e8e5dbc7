import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { WebSocketServer } from 'ws';
import { readHttpConfig } from '../config/http-config.ts';
import type { Env } from '../config/env.ts';
import type { FunctionInstance, OpenFunction } from './function-module.ts';
import { createLogger, type Logger } from './logger.ts';

export type RunningServer = { port: number; server: ServerType; stop(): Promise<void> };

/** Serves a fetch handler on host:port with WebSocket upgrades enabled. */
export function listen(fetch: (request: Request, env?: unknown) => Response | Promise<Response>, port: number, host: string): Promise<RunningServer> {
  // permessage-deflate is offered without context takeover and never used by ws itself
  // (threshold): /queue/ws compresses each snapshot once and writes the same frame to every
  // socket that accepted the extension (functions/order/queue-watchers.ts).
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    perMessageDeflate: { serverNoContextTakeover: true, clientNoContextTakeover: true, threshold: Number.MAX_SAFE_INTEGER },
  });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host, websocket: { server: wss } }, (info: AddressInfo) => {
      resolve({
        port: info.port,
        server,
        stop: () =>
          new Promise<void>((done) => {
            for (const client of wss.clients) client.terminate();
            server.close(() => done());
            // Keep-alive sockets would hold close() open; idle ones can go now.
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}

/** Stops on SIGINT/SIGTERM: no new requests, close resources (final db snapshot), then exit. */
export function stopOnSignals(stop: () => Promise<void>, log: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error('shutdown failed', { err });
        process.exit(1);
      });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** How `node dist/<name>.mjs` runs one function on its own (the Modal stub starts it this way). */
export async function runStandalone(name: string, open: OpenFunction, env: Env): Promise<void> {
  const http = readHttpConfig(env);
  const log = createLogger({ level: http.logLevel });
  let instance: FunctionInstance;
  try {
    instance = await open({ env, log });
  } catch (err) {
    log.error('failed to start', { fn: name, err });
    process.exit(1);
  }
  const running = await listen(instance.app.fetch, http.port, http.host);
  log.info('listening', { fn: name, url: `http://${http.host}:${running.port}` });
  stopOnSignals(async () => {
    await running.stop();
    await instance.close();
  }, log);
}

/** True when this module is the process entry point (`node dist/order.mjs`), not an import. */
export function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(entry).href === moduleUrl;
}
