import { describe, expect, it } from 'vitest';
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
    const remote = createRemoteQueueWatch({ orderUrl, log: silentLogger, pollMs: 50, maxBackoffMs: 100 });
    // What the socket itself pushed (a snapshot), as opposed to a "load it" poll while it is down.
    const pushed: PublicQueue[] = [];
    let loads = 0;
    const feed = createQueueFeed({
      load: (signal) => {
        loads += 1;
        return orders.getQueue(signal ? { signal } : {}) as Promise<PublicQueue>;
      },
      watch: (changed) =>
        remote((queue) => {
          if (queue) pushed.push(queue);
          changed(queue);
        }),
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
    const untilPushed = async (test: (queue: PublicQueue) => boolean) => {
      while (!pushed.some(test)) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    try {
      const first = await service.createOrder({ lines: [sampleLine] });
      await untilQueue(hasCode(first.order.pickupCode));
      // Up: the change came as a snapshot on the socket, the queue was never polled.
      expect(pushed.some(hasCode(first.order.pickupCode))).toBe(true);
      expect(loads).toBe(0);
      expect(errors).toEqual([]);

      await server.stop();
      // The order service is back (same port, same data); a change made meanwhile reaches the board.
      const second = await service.createOrder({ lines: [sampleLine] });
      server = await listen(app.fetch, port, '127.0.0.1');
      await untilQueue(hasCode(second.order.pickupCode));
      // Down, the board polled (at least the "load it" of the close itself).
      expect(loads).toBeGreaterThan(0);
      // The socket is back: the next change is pushed on it again.
      const third = await service.createOrder({ lines: [sampleLine] });
      await untilPushed(hasCode(third.order.pickupCode));
      const fourth = await service.createOrder({ lines: [sampleLine] });
      await untilPushed(hasCode(fourth.order.pickupCode));
      await untilQueue(hasCode(fourth.order.pickupCode));
      const last = seen.at(-1)!;
      expect(last.active.map((entry) => entry.pickupCode)).toEqual(
        expect.arrayContaining([first, second, third, fourth].map((placed) => placed.order.pickupCode)),
      );
    } finally {
      unsubscribe();
      await server.stop();
      opened.close();
    }
  });
});
