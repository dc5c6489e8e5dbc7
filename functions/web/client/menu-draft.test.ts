import { describe, expect, it } from 'vitest';
import {
  addItem,
  priceFieldText,
  freeId,
  getAt,
  isEditable,
  issuesAt,
  parseAliases,
  parsePath,
  parseYuan,
  removeTopping,
  setAt,
  type Draft,
} from './menu-draft.ts';

const draft = {
  version: 2,
  currency: 'CNY',
  sizes: [{ id: 'M', name: { zh: '中杯', en: 'medium' }, aliases: [] }],
  sugar: [],
  ice: [],
  toppings: [{ id: 't', name: { zh: '料', en: 'T' }, aliases: [], price: 100 }],
  limits: { maxToppings: 1, maxQuantity: 2, maxLines: 3 },
  items: [
    {
      id: 'new-drink',
      name: { zh: '甲', en: 'A' },
      aliases: [],
      category: { zh: '茶', en: 'Tea' },
      prices: { M: 500, L: 600 },
      toppings: ['t'],
      includes: ['t'],
    },
  ],
} as Draft;

describe('the owner’s draft menu', () => {
  it('reads and writes by the API’s issue paths, never in place', () => {
    expect(parsePath('items[3].prices.XL')).toEqual(['items', 3, 'prices', 'XL']);
    const next = setAt(draft, 'items[0].prices.M', 550);
    expect(getAt(next, 'items[0].prices.M')).toBe(550);
    expect(draft.items[0]!.prices.M).toBe(500);
    expect(getAt(setAt(draft, 'items[0].prices.L', undefined), 'items[0].prices')).toEqual({ M: 500 });
  });

  it('a field owns the issues at its path and inside it', () => {
    const issues = [
      { path: 'items[1].aliases[2]', message: 'x' },
      { path: 'items[1].aliases', message: 'y' },
      { path: 'items[10].aliases', message: 'z' },
    ];
    expect(issuesAt(issues, 'items[1].aliases').map((issue) => issue.message)).toEqual(['x', 'y']);
  });

  it('a new drink gets a free id and the last category; a removed topping leaves every drink', () => {
    expect(freeId('new-drink', draft.items)).toBe('new-drink-2');
    expect(addItem(draft).items[1]).toMatchObject({ id: 'new-drink-2', category: { zh: '茶', en: 'Tea' }, prices: {} });
    const without = removeTopping(draft, 0);
    expect(without.toppings).toEqual([]);
    expect(without.items[0]).toMatchObject({ toppings: [], includes: [] });
  });

  it('parses what the owner types: yuan to fen, aliases by any comma', () => {
    expect([parseYuan('15'), parseYuan(' 15.5 '), parseYuan(''), parseYuan('abc'), parseYuan('1.234')]).toEqual([1500, 1550, undefined, 'abc', '1.234']);
    expect([priceFieldText(1500), priceFieldText(1550), priceFieldText(undefined), priceFieldText('abc')]).toEqual(['15', '15.50', '', 'abc']);
    expect(parseAliases('珍珠, 波霸、boba，  ;')).toEqual(['珍珠', '波霸', 'boba']);
  });

  it('an import is editable only with lists of sizes and drinks', () => {
    expect(isEditable(draft)).toBe(true);
    expect(isEditable({ sizes: [], items: 'x' })).toBe(false);
    expect(isEditable(null)).toBe(false);
  });
});
