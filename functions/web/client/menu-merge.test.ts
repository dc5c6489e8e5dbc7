import { describe, expect, it } from 'vitest';
import { mergeMenus, sameJson } from './menu-merge.ts';

const menu = (items: object[], toppings: object[] = []) => ({ version: 1, items, toppings });
const drink = (id: string, prices: Record<string, number>, extra: object = {}) => ({ id, name: { zh: id, en: id }, prices, ...extra });

describe('mergeMenus: my edits on top of a menu someone else saved', () => {
  const base = menu([drink('a', { M: 100, L: 200 }), drink('b', { M: 300 })], [{ id: 't', price: 50 }]);

  it('keeps both owners’ changes to different fields, drinks and toppings, with their version', () => {
    const mine = menu([drink('a', { M: 120, L: 200 }), drink('b', { M: 300 }), drink('c', { XL: 900 })], [{ id: 't', price: 50 }]);
    const theirs = { ...menu([drink('a', { M: 100, L: 250 }), drink('b', { M: 300 }, { aliases: ['bee'] })], [{ id: 't', price: 60 }]), version: 2 };
    const { merged, conflicts } = mergeMenus(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({
      version: 2,
      items: [drink('a', { M: 120, L: 250 }), drink('b', { M: 300 }, { aliases: ['bee'] }), drink('c', { XL: 900 })],
      toppings: [{ id: 't', price: 60 }],
    });
  });

  it('a field both changed keeps mine and names it by its path in the result', () => {
    const mine = menu([drink('b', { M: 310 }), drink('a', { M: 100, L: 200 })]);
    const theirs = menu([drink('z', { M: 1 }), drink('a', { M: 100, L: 200 }), drink('b', { M: 320 })]);
    const { merged, conflicts } = mergeMenus({ ...base, toppings: [] }, mine, { ...theirs, toppings: [] });
    expect((merged as { items: { id: string }[] }).items.map((item) => item.id)).toEqual(['z', 'a', 'b']);
    expect(conflicts).toEqual(['items[2].prices.M']);
  });

  it('a drink I removed stays removed unless they changed it; one they removed stays removed unless I changed it', () => {
    const mine = menu([drink('a', { M: 100, L: 200 })], [{ id: 't', price: 55 }]);
    const theirs = menu([drink('a', { M: 100, L: 200 }), drink('b', { M: 300 })]);
    expect(mergeMenus(base, mine, theirs)).toEqual({ merged: menu([drink('a', { M: 100, L: 200 })], [{ id: 't', price: 55 }]), conflicts: ['toppings[0]'] });
    const untouched = mergeMenus(base, base, menu([drink('a', { M: 100, L: 200 })]));
    expect(untouched).toEqual({ merged: menu([drink('a', { M: 100, L: 200 })]), conflicts: [] });
  });

  it('sameJson ignores key order and undefined fields', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });
});
