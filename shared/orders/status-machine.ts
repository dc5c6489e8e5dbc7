import type { OrderStatus } from './order-types.ts';

// The one order status machine: the order service enforces it (order-store.ts) and the staff
// board draws its buttons from it (functions/web/client/staff-views.tsx). No imports beyond
// types, so the pages' bundles can take it whole.

/** placed → preparing → ready → completed; placed|preparing → cancelled. Nothing else. */
const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  placed: ['preparing', 'cancelled'],
  preparing: ['ready', 'cancelled'],
  ready: ['completed'],
  completed: [],
  cancelled: [],
};

/** The orders still in the queue: waiting, being made, or waiting to be picked up. */
export const ACTIVE_STATUSES = ['placed', 'preparing', 'ready'] as const satisfies readonly OrderStatus[];

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT[from].includes(to);
}

/** The move that takes an order forward (not cancelling it); undefined once it is done. */
export function forwardMove(from: OrderStatus): OrderStatus | undefined {
  return NEXT[from].find((to) => to !== 'cancelled');
}

/** Why `from` → `to` is refused, or undefined when it is allowed. */
export function transitionRefusal(from: OrderStatus, to: OrderStatus): string | undefined {
  if (canMove(from, to)) return undefined;
  const allowed = NEXT[from].length ? NEXT[from].join(', ') : 'nothing (final state)';
  return `cannot move an order from ${from} to ${to}; from ${from} it can go to ${allowed}`;
}
