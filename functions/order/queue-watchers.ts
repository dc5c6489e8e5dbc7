import { constants, deflateRawSync } from 'node:zlib';
import type { WSEvents } from 'hono/ws';
import type { Logger } from '../../shared/http/logger.ts';

/** What a watcher needs from a socket; `ws`'s WebSocket has it (and tests can fake it). */
export type WatcherSocket = {
  readonly readyState: number;
  /** Bytes queued in user space and not yet handed to the kernel. */
  readonly bufferedAmount: number;
  send(data: Buffer, options: { binary: boolean }, done: (error?: Error) => void): void;
  close(code: number, reason: string): void;
  terminate(): void;
  /** Negotiated extensions, e.g. 'permessage-deflate' (ws's public getter). */
  readonly extensions?: string;
  /** ws's TCP socket: a frame compressed once for everyone is written here whole. */
  readonly _socket?: { write(data: Buffer, done: (error?: Error | null) => void): boolean };
};

/** One snapshot, serialised once; compressed once the first time a deflate socket needs it. */
type Frame = { text: Buffer; deflated?: Buffer };

/**
 * A whole WebSocket text frame carrying `text` compressed per RFC 7692 (permessage-deflate).
 * The server negotiates no context takeover, so each message stands alone and the same bytes
 * are valid on every socket: compress once, not once per watcher.
 */
function deflatedFrame(text: Buffer): Buffer {
  const compressed = deflateRawSync(text, { finishFlush: constants.Z_SYNC_FLUSH });
  const payload = compressed.subarray(0, compressed.length - 4); // §7.2.1: drop 00 00 ff ff
  const length = payload.length;
  const header = Buffer.alloc(length < 126 ? 2 : length < 65_536 ? 4 : 10);
  header[0] = 0xc1; // FIN, RSV1 (compressed), text
  if (length < 126) header[1] = length;
  else if (length < 65_536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

export type QueueWatchLimits = {
  /** Wait after the first change of a burst, so the burst goes out as one snapshot. */
  coalesceMs: number;
  /** At most one snapshot per this interval under continuous change (a board sees a ticket within about this). */
  minIntervalMs: number;
  /** A socket with more than this unsent gets no further snapshots until it drains, then the latest. */
  maxBufferedBytes: number;
  /** A socket held back this long without draining is dropped. */
  stuckMs: number;
  maxPerClient: number;
  maxTotal: number;
  /** Sockets written per event-loop turn, so a fan-out never holds up requests for long. */
  sliceSize: number;
  /**
   * Share of the event loop pushing may take: the next broadcast waits at least the last
   * fan-out's own time divided by this, so many watchers slow the pushes, not the orders...
   */
  maxPushShare: number;
  /** ...but never below one snapshot per this interval. */
  maxIntervalMs: number;
};

export const DEFAULT_QUEUE_WATCH_LIMITS: QueueWatchLimits = {
  coalesceMs: 50,
  minIntervalMs: 200,
  maxBufferedBytes: 256 * 1024,
  stuckMs: 30_000,
  maxPerClient: 100,
  maxTotal: 2000,
  sliceSize: 64,
  maxPushShare: 0.2,
  maxIntervalMs: 1000,
};

/** RFC 6455 "Try Again Later": the server is at its watcher cap. */
export const CLOSE_TRY_AGAIN_LATER = 1013;

const OPEN = 1;

type Watcher = {
  socket: WatcherSocket;
  client: string | undefined;
  /** Whether this socket gets the shared compressed frame. */
  deflate: boolean;
  /** The last frame handed to this socket; frames are built once, so identity says "same snapshot". */
  sent: Frame | undefined;
  heldSince: number | undefined;
  stuckTimer: NodeJS.Timeout | undefined;
};

type Deps = {
  /** The current public snapshot; its shape is the service's business. */
  snapshot: () => object;
  subscribe: (listener: () => void) => () => void;
  limits: QueueWatchLimits;
  log: Logger;
};

/**
 * The `/queue/ws` fan-out. A change schedules one broadcast (coalesced, at most one per
 * `minIntervalMs`); a broadcast builds and serialises the snapshot once and hands the same
 * bytes to every socket. Slow readers are skipped while their unsent buffer is over the bound
 * and get the newest snapshot when it drains; one that never drains is dropped. Client frames
 * are ignored: the socket is push-only.
 */
export function createQueueWatchers({ snapshot, subscribe, limits, log }: Deps) {
  const watchers = new Set<Watcher>();
  const perClient = new Map<string, number>();
  let unsubscribe: (() => void) | undefined;
  let latest: Frame | undefined;
  let fresh = false;
  let timer: NodeJS.Timeout | undefined;
  let lastBroadcastAt = 0;
  let builds = 0;
  /** Time spent building and writing the last broadcast, summed over its slices. */
  let lastPushMs = 0;
  let pushMs = 0;

  const build = (): Frame => {
    if (!fresh || !latest) {
      latest = { text: Buffer.from(JSON.stringify({ type: 'queue', ...snapshot() })) };
      fresh = true;
      builds += 1;
    }
    return latest;
  };

  const onChange = () => {
    fresh = false;
    if (timer) return;
    const gap = Math.min(limits.maxIntervalMs, Math.max(limits.minIntervalMs, lastPushMs / limits.maxPushShare));
    const wait = Math.max(limits.coalesceMs, lastBroadcastAt + gap - Date.now());
    timer = setTimeout(broadcast, wait);
  };

  function broadcast() {
    timer = undefined;
    lastBroadcastAt = Date.now();
    if (watchers.size === 0) return;
    const started = performance.now();
    build();
    pushMs = performance.now() - started;
    fanOut([...watchers], 0);
  }

  function fanOut(targets: Watcher[], from: number) {
    const started = performance.now();
    const end = Math.min(targets.length, from + limits.sliceSize);
    for (let i = from; i < end; i += 1) deliver(targets[i]!);
    pushMs += performance.now() - started;
    if (end < targets.length) setImmediate(fanOut, targets, end);
    else lastPushMs = pushMs;
  }

  function deliver(watcher: Watcher) {
    const frame = latest;
    if (!frame || watcher.sent === frame || watcher.socket.readyState !== OPEN || !watchers.has(watcher)) return;
    if (watcher.socket.bufferedAmount > limits.maxBufferedBytes) {
      hold(watcher);
      return;
    }
    watcher.sent = frame;
    // Written out and nothing newer queued behind it: the buffer is drained.
    const done = (error?: Error | null) => {
      if (!error && watcher.sent === frame) drained(watcher);
    };
    if (watcher.deflate) watcher.socket._socket!.write((frame.deflated ??= deflatedFrame(frame.text)), done);
    else watcher.socket.send(frame.text, { binary: false }, done);
  }

  function hold(watcher: Watcher) {
    if (watcher.stuckTimer) return;
    watcher.heldSince = Date.now();
    watcher.stuckTimer = setTimeout(() => {
      log.warn('queue watcher not reading; dropping it', {
        fn: 'order',
        bufferedBytes: watcher.socket.bufferedAmount,
        heldMs: Date.now() - watcher.heldSince!,
      });
      watcher.socket.terminate();
    }, limits.stuckMs);
    watcher.stuckTimer.unref?.();
  }

  function drained(watcher: Watcher) {
    if (!watcher.stuckTimer) return;
    clearTimeout(watcher.stuckTimer);
    watcher.stuckTimer = undefined;
    watcher.heldSince = undefined;
    deliver(watcher);
  }

  function remove(watcher: Watcher) {
    if (!watchers.delete(watcher)) return;
    clearTimeout(watcher.stuckTimer);
    if (watcher.client !== undefined) {
      const count = (perClient.get(watcher.client) ?? 1) - 1;
      if (count > 0) perClient.set(watcher.client, count);
      else perClient.delete(watcher.client);
    }
    if (watchers.size === 0) {
      unsubscribe?.();
      unsubscribe = undefined;
      clearTimeout(timer);
      timer = undefined;
      latest = undefined;
      fresh = false;
    }
  }

  /** Why a new watcher is refused, or undefined when it fits under the caps. */
  function refusal(client: string | undefined): string | undefined {
    if (watchers.size >= limits.maxTotal) return `too many queue watchers (${limits.maxTotal}); try again later`;
    if (client !== undefined && (perClient.get(client) ?? 0) >= limits.maxPerClient) {
      return `too many queue watchers from one address (${limits.maxPerClient}); try again later`;
    }
    return undefined;
  }

  return {
    /**
     * Events for one upgraded socket. `client` is its rate-limit key, or undefined when the
     * client cannot be told apart (behind a proxy that forwards no address): then only the
     * total cap applies.
     */
    events(client: string | undefined): WSEvents {
      let watcher: Watcher | undefined;
      return {
        onOpen(_event, ws) {
          const socket = ws.raw as WatcherSocket;
          const refused = refusal(client);
          if (refused) {
            ws.close(CLOSE_TRY_AGAIN_LATER, refused);
            return;
          }
          const deflate = socket.extensions?.includes('permessage-deflate') === true && socket._socket !== undefined;
          watcher = { socket, client, deflate, sent: undefined, heldSince: undefined, stuckTimer: undefined };
          watchers.add(watcher);
          if (client !== undefined) perClient.set(client, (perClient.get(client) ?? 0) + 1);
          unsubscribe ??= subscribe(onChange);
          build();
          deliver(watcher);
        },
        // Push-only: whatever a client sends is dropped unread.
        onMessage() {},
        onClose() {
          if (watcher) remove(watcher);
        },
        onError() {
          if (watcher) remove(watcher);
        },
      };
    },
    stats() {
      let held = 0;
      let maxBufferedBytes = 0;
      for (const watcher of watchers) {
        if (watcher.stuckTimer) held += 1;
        maxBufferedBytes = Math.max(maxBufferedBytes, watcher.socket.bufferedAmount);
      }
      return { watchers: watchers.size, held, builds, maxBufferedBytes, frameBytes: latest?.text.length ?? 0, lastPushMs };
    },
    close() {
      for (const watcher of [...watchers]) {
        watcher.socket.terminate();
        remove(watcher);
      }
    },
  };
}

export type QueueWatchers = ReturnType<typeof createQueueWatchers>;
