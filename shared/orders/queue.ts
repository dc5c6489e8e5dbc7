import type { Order, QueueSnapshot } from './order-types.ts';

/**
 * Positions and ETAs: orders waiting to be made (placed, preparing) are served oldest first;
 * an order's ETA is the drinks up to and including it times the seconds per drink. Ready
 * orders wait at the counter: position 0, ETA 0.
 */
export function buildQueueSnapshot(active: Order[], recent: Order[], secondsPerDrink: number, now: Date): QueueSnapshot {
  let position = 0;
  let drinksAhead = 0;
  return {
    generatedAt: now.toISOString(),
    active: active.map((order) => {
      const ready = order.status === 'ready';
      if (!ready) {
        position += 1;
        drinksAhead += order.lines.reduce((sum, line) => sum + line.quantity, 0);
      }
      return {
        id: order.id,
        pickupCode: order.pickupCode,
        status: order.status,
        position: ready ? 0 : position,
        etaSeconds: ready ? 0 : drinksAhead * secondsPerDrink,
        lines: order.lines,
      };
    }),
    recentlyCompleted: recent.map((order) => ({
      id: order.id,
      pickupCode: order.pickupCode,
      status: order.status,
      lines: order.lines,
      updatedAt: order.updatedAt,
    })),
  };
}
