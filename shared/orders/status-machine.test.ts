import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from './order-types.ts';
import { ACTIVE_STATUSES, canMove, forwardMove, transitionRefusal } from './status-machine.ts';

describe('the order status machine', () => {
  it('allows exactly placed → preparing → ready → completed, and cancelling before ready', () => {
    const allowed = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['placed→preparing', 'placed→cancelled', 'preparing→ready', 'preparing→cancelled', 'ready→completed']);
    expect(ORDER_STATUSES.map(forwardMove)).toEqual(['preparing', 'ready', 'completed', undefined, undefined]);
    expect(ACTIVE_STATUSES).toEqual(['placed', 'preparing', 'ready']);
  });

  it('says why a move is refused and where the order can go instead', () => {
    expect(transitionRefusal('placed', 'preparing')).toBeUndefined();
    expect(transitionRefusal('ready', 'cancelled')).toBe('cannot move an order from ready to cancelled; from ready it can go to completed');
    expect(transitionRefusal('completed', 'placed')).toBe('cannot move an order from completed to placed; from completed it can go to nothing (final state)');
  });
});
