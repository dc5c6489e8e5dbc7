import { describe, expect, it } from 'vitest';
import { buildMenuResponse } from '../../../shared/menu/menu-response.ts';
import { createCatalog } from '../../../shared/menu/catalog.ts';
import type { MenuDefinition } from '../../../shared/menu/menu-types.ts';
import { lineOptions } from './line-text.ts';
import { exampleOrder, groupByCategory, menuSignature, optionNotes, sizePrices } from './menu-view.ts';

const name = (zh: string, en: string) => ({ zh, en });
const definition: MenuDefinition = {
  version: 4,
  currency: 'CNY',
  sizes: [
    { id: 'S', name: name('小杯', 'small'), aliases: [] },
    { id: 'M', name: name('中杯', 'medium'), aliases: [] },
    { id: 'XL', name: name('超大杯', 'extra large'), aliases: [] },
  ],
  sugar: [
    { id: 100, name: name('全糖', 'full sugar'), aliases: [] },
    { id: 30, name: name('微糖', 'little sugar'), aliases: [] },
  ],
  ice: [
    { id: 'extra', name: name('多冰', 'extra ice'), aliases: [] },
    { id: 'light', name: name('少冰', 'light ice'), aliases: [] },
    { id: 'warm', name: name('温', 'warm'), aliases: [] },
  ],
  toppings: [{ id: 'jelly', name: name('果冻', 'jelly'), aliases: [], price: 100 }],
  limits: { maxToppings: 2, maxQuantity: 9, maxLines: 9 },
  items: [
    { id: 'a', name: name('甲', 'Alpha'), aliases: [], category: name('茶', 'Tea'), prices: { XL: 900, S: 500 } },
    { id: 'b', name: name('乙', 'Beta'), aliases: [], prices: { M: 700 }, ice: ['extra', 'light'], toppings: [] },
    { id: 'c', name: name('丙', 'Gamma'), aliases: [], category: name('茶', 'Tea'), prices: { M: 800 }, ice: ['warm'], sugar: [30], includes: ['jelly'] },
  ],
};
const menu = buildMenuResponse(createCatalog(definition, { isSoldOut: (id) => id === 'a' }));
const item = (id: string) => menu.items.find((entry) => entry.id === id)!;

describe('the customer page’s view of any menu', () => {
  it('groups drinks by category in menu order, uncategorised last', () => {
    expect(groupByCategory(menu, 'en').map((group) => [group.name, group.items.map((entry) => entry.id)])).toEqual([
      ['Tea', ['a', 'c']],
      [undefined, ['b']],
    ]);
  });

  it('lists a drink’s sizes in the menu’s size order with their names and prices', () => {
    expect(sizePrices(item('a'), menu, 'zh')).toEqual([
      { id: 'S', name: '小杯', price: 500 },
      { id: 'XL', name: '超大杯', price: 900 },
    ]);
  });

  it('says what a drink does not allow, in the menu’s names', () => {
    expect(optionNotes(item('a'), menu, 'en')).toEqual({ coldOnly: false, notes: [] });
    expect(optionNotes(item('b'), menu, 'en')).toEqual({ coldOnly: true, notes: ['No toppings'] });
    expect(optionNotes(item('c'), menu, 'zh')).toEqual({ coldOnly: false, notes: ['甜度: 微糖', '冰量: 温', '含果冻'] });
  });

  it('a poll redraws only for a new version or a sold-out change', () => {
    const soldOutB = buildMenuResponse(createCatalog(definition, { isSoldOut: (id) => id === 'b' }));
    expect(menuSignature(menu)).toBe('4:a');
    expect(menuSignature(soldOutB)).not.toBe(menuSignature(menu));
    expect(menuSignature(buildMenuResponse(createCatalog({ ...definition, version: 5 }, { isSoldOut: (id) => id === 'a' })))).not.toBe(menuSignature(menu));
  });

  it('the input’s example and a cart line come from the menu’s names', () => {
    // The first drink on sale; its largest size when it has several.
    expect(exampleOrder(menu, 'zh')).toBe('例如：一杯乙');
    expect(exampleOrder(buildMenuResponse(createCatalog(definition)), 'en')).toBe('e.g. one extra large Alpha');
    expect(exampleOrder(undefined, 'en')).toBe('Tell me what you would like');
    expect(lineOptions({ size: 'XL', sugar: 30, ice: 'extra', toppings: ['jelly'] }, menu, 'en')).toBe('extra large · little sugar · extra ice · + jelly');
    expect(lineOptions({ size: 'XXL', sugar: 40, ice: 'gone', toppings: [] }, menu, 'zh')).toBe('XXL · 40% · gone');
  });
});
