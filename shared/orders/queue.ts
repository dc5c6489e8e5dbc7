import type { Order, PublicOrder, QueueSnapshot, StaffQueueSnapshot } from './order-types.ts';

/**
 * Positions and ETAs: orders waiting to be made (placed, preparing) are served oldest first;
 * an order's ETA is the drinks up to and including it times the seconds per drink. Ready
 * orders wait at the counter: position 0, ETA 0.
 */
export function buildQueueSnapshot(active: Order[], recent: Order[], secondsPerDrink: number, now: Date): StaffQueueSnapshot {
  let position = 0;
  let drinksAhead = 0;
  const named = (order: Order) => (order.customerName ? { customerName: order.customerName } : {});
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
        ...named(order),
      };
    }),
    recentlyCompleted: recent.map((order) => ({
      id: order.id,
      pickupCode: order.pickupCode,
      status: order.status,
      lines: order.lines,
      updatedAt: order.updatedAt,
      ...named(order),
    })),
  };
}

/** The queue as anyone may see it: pickup numbers, statuses, positions, ETAs and drinks only. */
export function toPublicQueue(snapshot: StaffQueueSnapshot): QueueSnapshot {
  return {
    generatedAt: snapshot.generatedAt,
    active: snapshot.active.map(({ pickupCode, status, position, etaSeconds, lines }) => ({ pickupCode, status, position, etaSeconds, lines })),
    recentlyCompleted: snapshot.recentlyCompleted.map(({ pickupCode, status, lines, updatedAt }) => ({ pickupCode, status, lines, updatedAt })),
  };
}

/** An order as anyone holding its id may see it: no customer name; its place in the queue while active. */
export function toPublicOrder(order: Order, place?: { position: number; etaSeconds: number }): PublicOrder {
  const { customerName: _name, ...rest } = order;
  return place ? { ...rest, position: place.position, etaSeconds: place.etaSeconds } : rest;
}
