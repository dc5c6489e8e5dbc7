import { describe, it } from 'vitest';
import { silentLogger } from '../../../shared/http/logger.ts';
import { listen } from '../../../shared/http/serve.ts';
import { createHttpOrderClient } from '../../../shared/order-client/http-order-client.ts';
import { createTestOrderApp, sampleLine } from '../../../shared/testing/order-fixture.ts';
import { createQueueFeed } from './queue-feed.ts';
import type { PublicQueue } from './queue-view.ts';
import { createRemoteQueueWatch } from './queue-watch-ws.ts';

describe('remote queue watch (web on Modal, order in another container)', () => {
  it('pushes changes from the order socket; after the order service was away, the board catches up and keeps getting changes', async () => {
    const { app, service, opened } = createTestOrderApp();
    let server = await listen(app.fetch, 0, '127.0.0.1');
    const port = server.port;
    const orderUrl = `http://127.0.0.1:${port}`;
    const orders = createHttpOrderClient({ baseUrl: orderUrl, timeoutMs: 1000 });
    const errors: unknown[] = [];
    const feed = createQueueFeed({
      load: (signal) => orders.getQueue(signal ? { signal } : {}) as Promise<PublicQueue>,
      watch: createRemoteQueueWatch({ orderUrl, log: silentLogger, pollMs: 50, maxBackoffMs: 100 }),
      onError: (error) => errors.push(error),
    });
    const seen: PublicQueue[] = [];
    const waiters: Array<{ test: (queue: PublicQueue) => boolean; resolve: () => void }> = [];
    const unsubscribe = feed.subscribe((queue) => {
      seen.push(queue);
      for (const waiter of [...waiters]) if (waiter.test(queue)) waiters.splice(waiters.indexOf(waiter), 1) && waiter.resolve();
    });
    const untilQueue = (test: (queue: PublicQueue) => boolean) =>
      seen.some(test) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ test, resolve }));
    const hasCode = (code: string) => (queue: PublicQueue) => queue.active.some((entry) => entry.pickupCode === code);
    try {
      const first = await service.createOrder({ lines: [sampleLine] });
      await untilQueue(hasCode(first.order.pickupCode));

      await server.stop();
      // The order service is back (same port, same data); a change made meanwhile reaches the board.
      const second = await service.createOrder({ lines: [sampleLine] });
      server = await listen(app.fetch, port, '127.0.0.1');
      await untilQueue(hasCode(second.order.pickupCode));
      const third = await service.createOrder({ lines: [sampleLine] });
      await untilQueue(hasCode(third.order.pickupCode));
    } finally {
      unsubscribe();
      await server.stop();
      opened.close();
    }
  });
});
