import type { Duplex } from 'node:stream';

// The TCP socket under each server-side WebSocket, as the HTTP server handed it over at the
// upgrade (ws's 'connection' event passes the upgrade request; its `socket` is Node's public
// field). Kept here so that nothing reaches into ws's private `_socket`: /queue/ws writes a
// frame compressed once for every watcher straight to this socket (functions/order/queue-frames.ts).
const transports = new WeakMap<object, Duplex>();

/** Remembers the TCP socket of a WebSocket that was just upgraded (shared/http/serve.ts does this). */
export function rememberTransport(websocket: object, socket: Duplex): void {
  transports.set(websocket, socket);
}

/** The TCP socket of a WebSocket this process upgraded; undefined for one it did not (tests' fakes). */
export function transportOf(websocket: object): Duplex | undefined {
  return transports.get(websocket);
}
