import * as v from 'valibot';
import WebSocket from 'ws';
import type { Logger } from '../../../shared/http/logger.ts';
import { ORDER_STATUSES } from '../../../shared/orders/order-types.ts';
import type { QueueWatch } from './queue-feed.ts';
import type { PublicQueue } from './queue-view.ts';

export type RemoteQueueWatchOptions = {
  /** The order service's base URL (ORDER_API_URL); its GET /queue/ws pushes a snapshot per change. */
  orderUrl: string;
  log: Logger;
  /** While the socket is down, the queue is polled this often (and the socket retried with backoff). */
  pollMs?: number;
  maxBackoffMs?: number;
};

/**
 * On Modal the order service is another container: its queue socket tells this one about
 * changes. When the socket drops, the feed is polled until it is back, so a board never freezes.
 */
export function createRemoteQueueWatch({ orderUrl, log, pollMs = 5000, maxBackoffMs = 30_000 }: RemoteQueueWatchOptions): QueueWatch {
  const url = `${orderUrl.replace(/\/+$/, '').replace(/^http/i, 'ws')}/queue/ws`;
  return (changed) => {
    let socket: WebSocket | undefined;
    let stopped = false;
    let failures = 0;
    let retry: NodeJS.Timeout | undefined;
    let poll: NodeJS.Timeout | undefined;

    const startPolling = () => {
      poll ??= setInterval(() => changed(), pollMs);
    };
    const connect = () => {
      if (stopped) return;
      const ws = new WebSocket(url, { handshakeTimeout: 10_000 });
      socket = ws;
      ws.on('open', () => {
        failures = 0;
        clearInterval(poll);
        poll = undefined;
      });
      ws.on('message', (data) => {
        const queue = parseQueue(data.toString());
        if (queue) changed(queue);
      });
      ws.on('error', (error) => log.warn('order queue socket failed', { fn: 'web', err: error }));
      ws.on('close', () => {
        if (stopped) return;
        startPolling();
        changed();
        failures += 1;
        retry = setTimeout(connect, Math.min(maxBackoffMs, 500 * 2 ** Math.min(failures, 6)));
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearInterval(poll);
      socket?.terminate();
    };
  };
}

// The fields the legacy board reads of a queue frame; lines and entries keep whatever else they carry.
const LineSchema = v.looseObject({
  itemId: v.string(),
  size: v.string(),
  sugar: v.number(),
  ice: v.string(),
  toppings: v.optional(v.array(v.string())),
  quantity: v.number(),
});
const card = {
  pickupCode: v.string(),
  status: v.picklist(ORDER_STATUSES),
  lines: v.array(LineSchema),
  placedAt: v.optional(v.string()),
  createdAt: v.optional(v.string()),
};
const QueueFrameSchema = v.object({
  generatedAt: v.string(),
  active: v.array(v.looseObject({ ...card, position: v.number(), etaSeconds: v.number() })),
  recentlyCompleted: v.array(v.looseObject(card)),
});

/** The order service's frame, with or without an envelope around the snapshot. */
function parseQueue(text: string): PublicQueue | undefined {
  try {
    const frame = v.safeParse(QueueFrameSchema, JSON.parse(text));
    return frame.success ? frame.output : undefined;
  } catch {
    return undefined;
  }
}
