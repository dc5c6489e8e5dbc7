import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { createCatalog } from './catalog.ts';
import type { ValidLine } from './line-schema.ts';
import { defaultMenuDefinition } from './load-menu-file.ts';
import type { MenuDefinition } from './menu-types.ts';
import { findLineProblem, priceLine, priceLines } from './pricing.ts';

const defaultMenu = defaultMenuDefinition();
const catalog = (soldOut: string[] = [], menu: MenuDefinition = defaultMenu) => createCatalog(menu, { isSoldOut: (id) => soldOut.includes(id) });
const base: ValidLine = { itemId: 'pearl-milk-tea', size: 'M', sugar: 50, ice: 'regular', toppings: [], quantity: 1 };

function rejection(line: Partial<ValidLine>, soldOut: string[] = [], menu: MenuDefinition = defaultMenu) {
  try {
    priceLine({ ...base, ...line }, 'l1', catalog(soldOut, menu));
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code };
  }
  return null;
}

/** A shop of another kind: three sizes, 多冰 and 温, a drink without sizes S, one without toppings. */
const otherShop: MenuDefinition = {
  version: 3,
  currency: 'CNY',
  sizes: ['S', 'M', 'XL'].map((id) => ({ id, name: { zh: id, en: id }, aliases: [] })),
  sugar: [100, 50, 0].map((id) => ({ id, name: { zh: `${id}`, en: `${id}` }, aliases: [] })),
  ice: ['extra', 'none', 'warm'].map((id) => ({ id, name: { zh: id, en: id }, aliases: [] })),
  toppings: [{ id: 'jelly', name: { zh: '果冻', en: 'Jelly' }, aliases: [], price: 150 }],
  limits: { maxToppings: 1, maxQuantity: 5, maxLines: 2 },
  items: [
    { id: 'tea-a', name: { zh: '甲', en: 'A' }, aliases: [], prices: { S: 900, XL: 1600 }, ice: ['extra', 'none'] },
    { id: 'tea-b', name: { zh: '乙', en: 'B' }, aliases: [], prices: { M: 1000 }, sugar: [0], toppings: [] },
  ],
};

describe('pricing against the live menu', () => {
  it('prices every drink of the default menu at each of its sizes from the menu data', () => {
    for (const item of defaultMenu.items) {
      const sugar = item.sugar?.[0] ?? 50;
      for (const [size, price] of Object.entries(item.prices))
        expect(priceLine({ ...base, itemId: item.id, sugar, size }, 'a', catalog()).unitPrice).toBe(price);
    }
    expect(priceLine({ ...base, size: 'L' }, 'a', catalog()).unitPrice).toBe(1800);
  });

  it('adds toppings to the unit price and multiplies by quantity', () => {
    const line = priceLine({ ...base, size: 'L', toppings: ['pudding', 'taro-balls', 'cheese-foam'], quantity: 3 }, 'x', catalog());
    expect(line.unitPrice).toBe(1800 + 250 + 300 + 400);
    expect(line.lineTotal).toBe(3 * 2750);
    expect(line.name).toEqual({ zh: '珍珠奶茶', en: 'Pearl Milk Tea' });
  });

  it('rejects hot for cold-only drinks and allows it for the others', () => {
    expect(rejection({ itemId: 'mango-pomelo-sago', ice: 'hot' })).toEqual({ status: 422, code: 'cold_only' });
    expect(rejection({ itemId: 'lemon-black-tea', ice: 'hot' })).toBeNull();
  });

  it('enforces per-drink sugar, sold out (409), unknown ids, duplicates and the limits', () => {
    expect(rejection({ itemId: 'brown-sugar-pearl-milk', sugar: 50 })).toEqual({ status: 422, code: 'sugar_not_allowed' });
    expect(rejection({}, ['pearl-milk-tea'])).toEqual({ status: 409, code: 'item_sold_out' });
    expect(rejection({ itemId: 'espresso' })).toEqual({ status: 422, code: 'unknown_item' });
    expect(rejection({ toppings: ['gold-leaf'] })).toEqual({ status: 422, code: 'unknown_topping' });
    expect(rejection({ toppings: ['pudding', 'pudding'] })).toEqual({ status: 422, code: 'duplicate_topping' });
    expect(rejection({ toppings: ['pudding', 'pearls', 'red-bean', 'taro-balls'] })).toEqual({ status: 422, code: 'too_many_toppings' });
    expect(rejection({ quantity: 21 })).toEqual({ status: 422, code: 'quantity_out_of_range' });
    expect(rejection({ size: 'XL' })).toEqual({ status: 422, code: 'size_not_offered' });
    expect(rejection({ ice: 'extra' })).toEqual({ status: 422, code: 'ice_not_allowed' });
  });

  it('follows another shop’s sizes, ice, toppings and limits', () => {
    const shop = catalog([], otherShop);
    expect(priceLine({ itemId: 'tea-a', size: 'XL', sugar: 50, ice: 'extra', toppings: ['jelly'], quantity: 2 }, 'a', shop).lineTotal).toBe(2 * 1750);
    expect(rejection({ itemId: 'tea-a', size: 'M', sugar: 50, ice: 'none' }, [], otherShop)).toEqual({ status: 422, code: 'size_not_offered' });
    expect(rejection({ itemId: 'tea-a', size: 'S', sugar: 50, ice: 'warm' }, [], otherShop)).toEqual({ status: 422, code: 'cold_only' });
    expect(rejection({ itemId: 'tea-b', size: 'M', sugar: 50, ice: 'warm' }, [], otherShop)).toEqual({ status: 422, code: 'sugar_not_allowed' });
    expect(rejection({ itemId: 'tea-b', size: 'M', sugar: 0, ice: 'warm', toppings: ['jelly'] }, [], otherShop)).toEqual({
      status: 422,
      code: 'topping_not_allowed',
    });
    expect(rejection({ itemId: 'tea-a', size: 'S', sugar: 0, ice: 'none', quantity: 6 }, [], otherShop)).toEqual({
      status: 422,
      code: 'quantity_out_of_range',
    });
    const line = { itemId: 'tea-b', size: 'M', sugar: 0, ice: 'none', toppings: [], quantity: 1 };
    expect(() => priceLines([line, line, line], shop)).toThrow(expect.objectContaining({ code: 'too_many_lines' }));
  });

  it('names the line and field of the first problem in a cart', () => {
    try {
      priceLines([base, { ...base, sugar: 33 }], catalog());
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ status: 422, code: 'sugar_not_allowed', details: { field: 'sugar', line: 2 } });
    }
    expect(findLineProblem(base, catalog())).toBeNull();
  });

  it('totals a cart', () => {
    const { total, lines } = priceLines([base, { ...base, size: 'L', quantity: 2 }], catalog(), () => 'id');
    expect(lines.map((line) => line.lineTotal)).toEqual([1500, 3600]);
    expect(total).toBe(5100);
  });
});
