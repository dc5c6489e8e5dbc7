import type { WSContext, WSEvents } from 'hono/ws';
import { withMenu } from '../../../shared/agent/menu-scope.ts';
import type { Logger } from '../../../shared/http/logger.ts';
import type { Catalog } from '../../../shared/menu/catalog.ts';
import type { QueueFeed } from './queue-feed.ts';
import { toLegacyQueue, type PublicQueue } from './queue-view.ts';

/** A fresh snapshot this often even without changes: the board's "更新" clock moves and idle proxies keep the socket. */
const QUEUE_REFRESH_MS = 30_000;

/** WS /legacy/ws/production/queue: the legacy snapshot, bare, at once and on every change; client frames are ignored. */
export function createQueueSocket({
  feed,
  log,
  menu,
  refreshMs = QUEUE_REFRESH_MS,
}: {
  feed: QueueFeed;
  log: Logger;
  menu: () => Promise<Catalog>;
  refreshMs?: number;
}): WSEvents {
  let unsubscribe = () => {};
  let refresh: NodeJS.Timeout | undefined;
  const send = (ws: WSContext, queue: PublicQueue) =>
    menu().then(
      (catalog) => ws.readyState === 1 && ws.send(JSON.stringify(withMenu(catalog, () => toLegacyQueue(queue)))),
      (err: unknown) => log.warn('legacy queue: the menu is unavailable', { fn: 'web', err }),
    );
  const load = (ws: WSContext) =>
    feed.load().then(
      (queue) => send(ws, queue),
      (err: unknown) => log.warn('legacy queue snapshot failed', { fn: 'web', err }),
    );
  return {
    onOpen(_event, ws) {
      unsubscribe = feed.subscribe((queue) => send(ws, queue));
      void load(ws);
      refresh = setInterval(() => void load(ws), refreshMs);
    },
    onClose() {
      unsubscribe();
      clearInterval(refresh);
    },
  };
}
