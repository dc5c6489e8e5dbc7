import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findMigrationsFolder, openDb } from '../db/open-db.ts';
import { buildPastOrders, type PastOrders } from '../testing/past-orders.ts';
import { createOrderService, type OrderService } from './order-service.ts';

// The queue and a customer's lookup cost today's work, not the shop's history: on a database
// with 100k past orders they stay within a generous bound of an empty one's. Medians of many
// calls, the two databases interleaved so machine noise hits both (bench:history carries the
// real targets).

const dir = mkdtempSync(join(tmpdir(), 'tea-history-bound-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function shop(orders: number): { service: OrderService; history: PastOrders; close(): void } {
  const path = join(dir, `${orders}.db`);
  const history = buildPastOrders({ path, orders, agentTurns: false });
  const migrationsFolder = findMigrationsFolder();
  const opened = openDb(path, migrationsFolder);
  const service = createOrderService({ opened, migrationsFolder, timeZone: 'Asia/Shanghai', secondsPerDrink: 60 });
  const close = () => {
    service.close();
    opened.close();
  };
  return { service, history, close };
}

/** The mean time of 20 calls, in ms. */
function meanOf20(run: () => unknown): number {
  const started = performance.now();
  for (let i = 0; i < 20; i += 1) run();
  return (performance.now() - started) / 20;
}

describe('a shop with 100k past orders answers like an empty one', () => {
  it('the queue snapshot, a pickup-number lookup and an order view stay under 5x of the empty database', () => {
    const empty = shop(0);
    const big = shop(100_000);
    expect(big.history.orders).toBeGreaterThan(100_000);
    const calls = (s: ReturnType<typeof shop>) => {
      const last = s.history.active.at(-1)!;
      return {
        queue: () => s.service.queue(),
        lookup: () => s.service.lookup({ pickupCode: last.pickupCode }),
        view: () => s.service.getPublicOrder(last.id),
      };
    };
    const [a, b] = [calls(empty), calls(big)];
    // Same answers' shape on both: today's queue, found by pickup number, with its place.
    expect(b.queue().active).toHaveLength(a.queue().active.length);
    expect(b.queue().recentlyCompleted).toHaveLength(10);
    expect(b.lookup()).toMatchObject({ found: true, position: expect.any(Number) });
    for (const name of ['queue', 'lookup', 'view'] as const) {
      const times = { empty: [] as number[], big: [] as number[] };
      for (let round = 0; round < 15; round += 1) {
        times.empty.push(meanOf20(a[name]));
        times.big.push(meanOf20(b[name]));
      }
      const mid = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
      const ratio = mid(times.big) / mid(times.empty);
      expect(ratio, `${name}: ${mid(times.big).toFixed(3)} ms vs ${mid(times.empty).toFixed(3)} ms`).toBeLessThan(5);
    }
    empty.close();
    big.close();
  }, 60_000);
});
