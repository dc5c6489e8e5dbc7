import { AppError } from '../errors.ts';
import type { OrderStatus } from './order-types.ts';

/** placed → preparing → ready → completed; placed|preparing → cancelled. Nothing else. */
const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  placed: ['preparing', 'cancelled'],
  preparing: ['ready', 'cancelled'],
  ready: ['completed'],
  completed: [],
  cancelled: [],
};

export const ACTIVE_STATUSES: readonly OrderStatus[] = ['placed', 'preparing', 'ready'];

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!NEXT[from].includes(to)) {
    const allowed = NEXT[from].length ? NEXT[from].join(', ') : 'nothing (final state)';
    throw new AppError(409, 'invalid_transition', `cannot move an order from ${from} to ${to}; from ${from} it can go to ${allowed}`, {
      from,
      to,
    });
  }
}
