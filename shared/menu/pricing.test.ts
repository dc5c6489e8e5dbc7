import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import type { ValidLine } from './line-schema.ts';
import { MENU_ITEMS } from './menu.ts';
import { findLineProblem, priceLine, priceLines } from './pricing.ts';

const base: ValidLine = { itemId: 'pearl-milk-tea', size: 'M', sugar: 50, ice: 'regular', toppings: [], quantity: 1 };

function rejection(line: Partial<ValidLine>, soldOut: string[] = []) {
  try {
    priceLine({ ...base, ...line }, 'l1', { isSoldOut: (id) => soldOut.includes(id) });
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code };
  }
  return null;
}

describe('pricing', () => {
  it('prices every item at both sizes from the menu table', () => {
    const expected: Record<string, [number, number]> = {
      'pearl-milk-tea': [1500, 1800],
      'brown-sugar-pearl-milk': [1800, 2100],
      'oolong-milk-tea': [1500, 1800],
      'jasmine-milk-green': [1500, 1800],
      'taro-milk-tea': [1700, 2000],
      'matcha-latte': [1800, 2100],
      'cheese-foam-oolong': [1900, 2200],
      'mango-pomelo-sago': [2200, 2500],
      'passion-fruit-green-tea': [1400, 1700],
      'lemon-black-tea': [1200, 1500],
      'jasmine-green-tea': [1000, 1200],
    };
    expect(MENU_ITEMS.map((item) => item.id).sort()).toEqual(Object.keys(expected).sort());
    for (const [itemId, [m, l]] of Object.entries(expected)) {
      const sugar = itemId === 'brown-sugar-pearl-milk' ? 70 : 50;
      expect(priceLine({ ...base, itemId, sugar, size: 'M' }, 'a').unitPrice).toBe(m);
      expect(priceLine({ ...base, itemId, sugar, size: 'L' }, 'a').unitPrice).toBe(l);
    }
  });

  it('adds toppings to the unit price and multiplies by quantity', () => {
    const line = priceLine({ ...base, size: 'L', toppings: ['pudding', 'taro-balls', 'cheese-foam'], quantity: 3 }, 'x');
    expect(line.unitPrice).toBe(1800 + 250 + 300 + 400);
    expect(line.lineTotal).toBe(3 * 2750);
    expect(line.name).toEqual({ zh: '珍珠奶茶', en: 'Pearl Milk Tea' });
  });

  it('rejects hot for cold-only drinks and allows it for the others', () => {
    for (const itemId of ['cheese-foam-oolong', 'mango-pomelo-sago', 'passion-fruit-green-tea']) {
      expect(rejection({ itemId, ice: 'hot' })).toEqual({ status: 422, code: 'cold_only' });
      expect(rejection({ itemId, ice: 'room' })).toBeNull();
    }
    expect(rejection({ itemId: 'lemon-black-tea', ice: 'hot' })).toBeNull();
  });

  it('allows brown sugar milk only at 70 or 100 sugar', () => {
    for (const sugar of [0, 30, 50] as const) {
      expect(rejection({ itemId: 'brown-sugar-pearl-milk', sugar })).toEqual({ status: 422, code: 'sugar_not_allowed' });
    }
    expect(rejection({ itemId: 'brown-sugar-pearl-milk', sugar: 70 })).toBeNull();
    expect(rejection({ itemId: 'brown-sugar-pearl-milk', sugar: 100 })).toBeNull();
  });

  it('limits toppings to three different ones', () => {
    expect(rejection({ toppings: ['pearls', 'pudding', 'red-bean', 'grass-jelly'] })).toEqual({ status: 422, code: 'too_many_toppings' });
    expect(rejection({ toppings: ['pudding', 'pudding'] })).toEqual({ status: 422, code: 'duplicate_topping' });
    expect(rejection({ toppings: ['bacon'] })).toEqual({ status: 422, code: 'unknown_topping' });
  });

  it('rejects unknown items, out-of-range quantities and sold-out items', () => {
    expect(rejection({ itemId: 'coffee' })).toEqual({ status: 422, code: 'unknown_item' });
    expect(rejection({ quantity: 0 })).toEqual({ status: 422, code: 'quantity_out_of_range' });
    expect(rejection({ quantity: 21 })).toEqual({ status: 422, code: 'quantity_out_of_range' });
    expect(rejection({ quantity: 1.5 })).toEqual({ status: 422, code: 'quantity_out_of_range' });
    expect(rejection({ quantity: 20 })).toBeNull();
    expect(rejection({}, ['pearl-milk-tea'])).toEqual({ status: 409, code: 'item_sold_out' });
  });

  it('limits an order to 20 lines and numbers the failing line', () => {
    expect(priceLines(Array.from({ length: 20 }, () => base)).total).toBe(20 * 1500);
    expect(() => priceLines(Array.from({ length: 21 }, () => base))).toThrow(/at most 20 lines/);
    expect(() => priceLines([base, { ...base, itemId: 'nope' }])).toThrow(/line 2/);
  });

  it('reports the broken field for the agent to act on', () => {
    expect(findLineProblem({ ...base, itemId: 'mango-pomelo-sago', ice: 'hot' })).toMatchObject({ field: 'ice', message: 'mango-pomelo-sago is cold only' });
  });
});
