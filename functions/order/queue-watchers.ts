import type { WSEvents } from 'hono/ws';
import { fieldOf } from '../../shared/field-of.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { plainFrames, type FrameWriter, type SendSnapshot, type Snapshot, type WatcherSocket } from './queue-frames.ts';

export type { WatcherSocket } from './queue-frames.ts';

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
const CLOSE_INTERNAL_ERROR = 1011;

const OPEN = 1;

type Watcher = {
  socket: WatcherSocket;
  client: string | undefined;
  send: SendSnapshot;
  /** The last snapshot handed to this socket; snapshots are built once, so identity says "same snapshot". */
  sent: Snapshot | undefined;
  heldSince: number | undefined;
  stuckTimer: NodeJS.Timeout | undefined;
};

type Deps = {
  /** The current public snapshot; its shape is the service's business. */
  snapshot: () => object;
  subscribe: (listener: () => void) => () => void;
  limits: QueueWatchLimits;
  log: Logger;
  /** How snapshots are written to a socket (queue-frames.ts); the plain path by default. */
  frames?: FrameWriter;
};

/**
 * The `/queue/ws` fan-out. A change schedules one broadcast (coalesced, at most one per
 * `minIntervalMs`); a broadcast builds and serialises the snapshot once and hands the same
 * bytes to every socket. Slow readers are skipped while their unsent buffer is over the bound
 * and get the newest snapshot when it drains; one that never drains is dropped. Client frames
 * are ignored: the socket is push-only.
 */
export function createQueueWatchers({ snapshot, subscribe, limits, log, frames = plainFrames }: Deps) {
  const watchers = new Set<Watcher>();
  const perClient = new Map<string, number>();
  let unsubscribe: (() => void) | undefined;
  let latest: Snapshot | undefined;
  let fresh = false;
  let timer: NodeJS.Timeout | undefined;
  let lastBroadcastAt = 0;
  let builds = 0;
  /** Time spent building and writing the last broadcast, summed over its slices. */
  let lastPushMs = 0;
  let pushMs = 0;

  const build = (): Snapshot => {
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
    watcher.send(frame, done);
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
          // hono types the runtime's socket as unknown; on @hono/node-server it is ws's WebSocket.
          const socket = ws.raw;
          if (!isWatcherSocket(socket)) {
            ws.close(CLOSE_INTERNAL_ERROR, 'this runtime gives no socket to watch the queue on');
            return;
          }
          const refused = refusal(client);
          if (refused) {
            ws.close(CLOSE_TRY_AGAIN_LATER, refused);
            return;
          }
          watcher = { socket, client, send: frames(socket), sent: undefined, heldSince: undefined, stuckTimer: undefined };
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

/** What the watchers use of a socket, checked on the runtime's own socket (ws's WebSocket on Node). */
function isWatcherSocket(raw: unknown): raw is WatcherSocket {
  return (
    typeof fieldOf(raw, 'readyState') === 'number' &&
    typeof fieldOf(raw, 'bufferedAmount') === 'number' &&
    ['send', 'close', 'terminate'].every((method) => typeof fieldOf(raw, method) === 'function')
  );
}
