import * as v from 'valibot';
import { requestParsed, wsUrl, type PublicQueue } from './api.ts';
import { PublicQueueSchema } from './response-schemas.ts';

export type LinkState = 'connecting' | 'live' | 'polling';

export type LiveQueueOptions = {
  orderBase: string;
  onSnapshot(snapshot: PublicQueue): void;
  onState?(state: LinkState): void;
  pollMs?: number;
};

/**
 * GET /queue/ws with reconnect and capped exponential backoff; while the socket is down the
 * queue is polled over GET /queue, so a screen keeps updating through a server restart.
 */
export function openLiveQueue({ orderBase, onSnapshot, onState = () => {}, pollMs = 3000 }: LiveQueueOptions): () => void {
  let socket: WebSocket | undefined;
  let retryTimer: number | undefined;
  let pollTimer: number | undefined;
  let attempt = 0;
  let closed = false;

  const poll = async () => {
    pollTimer = undefined;
    if (closed || socket?.readyState === WebSocket.OPEN) return;
    try {
      onSnapshot(await requestParsed(new URL('/queue', orderBase).href, PublicQueueSchema, { timeoutMs: 5000 }));
    } catch {
      // Still down: the state already says so.
    }
    if (!closed && socket?.readyState !== WebSocket.OPEN) pollTimer = window.setTimeout(poll, pollMs);
  };

  const connect = () => {
    retryTimer = undefined;
    if (closed) return;
    onState(attempt === 0 ? 'connecting' : 'polling');
    const ws = new WebSocket(wsUrl(orderBase, '/queue/ws'));
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      onState('live');
      window.clearTimeout(pollTimer);
      pollTimer = undefined;
    };
    ws.onmessage = (event) => {
      try {
        const frame = v.safeParse(PublicQueueSchema, JSON.parse(String(event.data)));
        if (frame.success) onSnapshot(frame.output);
      } catch {
        // Not JSON; ignore.
      }
    };
    ws.onclose = () => {
      if (closed || socket !== ws) return;
      onState('polling');
      if (pollTimer === undefined) void poll();
      const delay = Math.min(15_000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      attempt += 1;
      retryTimer = window.setTimeout(connect, delay);
    };
  };

  connect();
  return () => {
    closed = true;
    window.clearTimeout(retryTimer);
    window.clearTimeout(pollTimer);
    socket?.close();
  };
}
