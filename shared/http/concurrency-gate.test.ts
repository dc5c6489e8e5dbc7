import { describe, expect, it } from 'vitest';
import { createConcurrencyGate } from './concurrency-gate.ts';

describe('createConcurrencyGate', () => {
  it('lets `max` holders in, refuses the next at once, and reopens a place per release (each release counts once)', () => {
    const gate = createConcurrencyGate(2);
    const first = gate.tryEnter();
    const second = gate.tryEnter();
    expect([typeof first, typeof second, gate.tryEnter()]).toEqual(['function', 'function', undefined]);
    first!();
    first!(); // a second release of the same place frees nothing more
    const third = gate.tryEnter();
    expect(typeof third).toBe('function');
    expect(gate.tryEnter()).toBeUndefined();
    second!();
    third!();
    expect([typeof gate.tryEnter(), typeof gate.tryEnter(), gate.tryEnter()]).toEqual(['function', 'function', undefined]);
  });
});
