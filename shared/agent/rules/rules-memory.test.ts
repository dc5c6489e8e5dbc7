import { describe, expect, it } from 'vitest';
import { readMemory, writeMemory } from './rules-memory.ts';

describe('the offline agent’s memory between turns', () => {
  const drink = { itemId: 'x', addToppings: [], removeToppings: [], noToppings: false, quantityRange: [2, 3] as [number, number] };

  it('a question round-trips through the stored JSON', () => {
    const stored = writeMemory({ question: { q: 'quantity', drink }, context: { focus: 'ignored' } });
    expect(readMemory(JSON.parse(JSON.stringify(stored)))).toEqual({ question: { q: 'quantity', drink }, context: {} });
  });

  it('so does the context; an empty one is stored as null', () => {
    const context = { focus: 'line-1', queue: [drink], offered: { itemId: 'y', size: 'L' } };
    expect(readMemory(writeMemory({ question: null, context }))).toEqual({ question: null, context });
    expect(writeMemory({ question: null, context: {} })).toBeNull();
  });

  it.each([
    ['an unknown question', { q: 'pay_now' }],
    ['a question missing its drink', { q: 'quantity' }],
    ['a drink of the wrong shape', { q: 'which_item', drink: { itemId: 3 } }],
    ['a context of the wrong shape', { focus: 7, queue: 'x' }],
  ])('%s is forgotten, never cast', (_name, stored) => {
    const memory = readMemory(stored);
    expect(memory.question).toBeNull();
    expect(memory.context).toEqual({});
  });
});
