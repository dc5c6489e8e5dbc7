import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMenuDefinition, loadMenuFile } from './load-menu-file.ts';
import { parseMenuDefinition } from './menu-file-schema.ts';

type Json = Record<string, any>;
const valid = (): Json => structuredClone(defaultMenuDefinition());

/** One broken field per row: the change, and the path (and words) the problem must be reported at. */
const BROKEN: [string, (menu: Json) => void, string, RegExp][] = [
  ['not an object', (menu) => (menu.items = 'tea'), 'items', /list of drinks/],
  ['no drinks', (menu) => (menu.items = []), 'items', /at least one drink/],
  ['no sizes', (menu) => (menu.sizes = []), 'sizes', /at least one size/],
  ['no sugar levels', (menu) => delete menu.sugar, 'sugar', /is required/],
  ['an id with a space', (menu) => (menu.items[2].id = 'oolong tea'), 'items[2].id', /letters, digits/],
  ['an empty name', (menu) => (menu.items[0].name.en = '  '), 'items[0].name.en', /empty/],
  ['a name that is a string', (menu) => (menu.toppings[1].name = '椰果'), 'toppings[1].name', /\{ zh, en \}/],
  ['a negative price', (menu) => (menu.items[3].prices.M = -100), 'items[3].prices.M', /negative/],
  ['a price in yuan with decimals', (menu) => (menu.items[3].prices.L = 18.5), 'items[3].prices.L', /whole number of fen/],
  ['a price as text', (menu) => (menu.toppings[0].price = '200'), 'toppings[0].price', /price in fen/],
  ['a drink without prices', (menu) => (menu.items[4].prices = {}), 'items[4].prices', /at least one size/],
  ['a price for a size the shop lacks', (menu) => (menu.items[5].prices.XL = 2500), 'items[5].prices.XL', /unknown size "XL"/],
  ['a sugar percent over 100', (menu) => (menu.sugar[0].id = 120), 'sugar[0].id', /0\.\.100/],
  ['a drink allowing an unknown sugar', (menu) => (menu.items[1].sugar = [100, 40]), 'items[1].sugar[1]', /unknown sugar "40"/],
  ['a drink allowing an unknown ice', (menu) => (menu.items[6].ice = ['regular', 'extra']), 'items[6].ice[1]', /unknown ice "extra"/],
  ['an unknown topping', (menu) => (menu.items[0].toppings = ['gold-leaf']), 'items[0].toppings[0]', /unknown topping "gold-leaf"/],
  ['an unknown included topping', (menu) => (menu.items[0].includes = ['boba']), 'items[0].includes[0]', /unknown topping "boba"/],
  ['a duplicate drink id', (menu) => (menu.items[1].id = menu.items[0].id), 'items[1].id', /duplicate id/],
  ['a duplicate size id', (menu) => menu.sizes.push(structuredClone(menu.sizes[0])), 'sizes[2].id', /duplicate id "M"/],
  ['a limit of zero lines', (menu) => (menu.limits.maxLines = 0), 'limits.maxLines', /at least 1/],
  ['a currency in words', (menu) => (menu.currency = 'yuan'), 'currency', /three-letter/],
  ['an alias that is not text', (menu) => (menu.items[0].aliases = [7]), 'items[0].aliases[0]', /string/],
  ['a version below zero', (menu) => (menu.version = -1), 'version', /negative/],
];

describe('the menu file is checked field by field', () => {
  it('the embedded default menu is valid and has what DESIGN §4 lists', () => {
    const menu = defaultMenuDefinition();
    expect(menu.items).toHaveLength(11);
    expect(menu.sizes.map((size) => size.id)).toEqual(['M', 'L']);
    expect(menu.limits).toEqual({ maxToppings: 3, maxQuantity: 20, maxLines: 20 });
  });

  it.each(BROKEN)('%s → reported at its path', (_name, breakIt, path, words) => {
    const menu = valid();
    breakIt(menu);
    const parsed = parseMenuDefinition(menu);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const issue = parsed.issues.find((found) => found.path === path);
    expect(issue, JSON.stringify(parsed.issues)).toBeDefined();
    expect(issue!.message).toMatch(words);
  });

  it('reports every problem of a file at once, not just the first', () => {
    const menu = valid();
    menu.items[0].prices.M = -1;
    menu.items[3].name.zh = '';
    menu.toppings[2].price = 'free';
    const parsed = parseMenuDefinition(menu);
    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.path)).toEqual(['toppings[2].price', 'items[0].prices.M', 'items[3].name.zh']);
  });

  it('keeps fields beyond the contract, fills the optional ones', () => {
    const parsed = parseMenuDefinition({
      sizes: [{ id: 'one', name: { zh: '标准', en: 'regular' } }],
      sugar: [{ id: 0, name: { zh: '无糖', en: 'no sugar' } }],
      ice: [{ id: 'none', name: { zh: '去冰', en: 'no ice' } }],
      items: [{ id: 'tea', name: { zh: '茶', en: 'Tea' }, prices: { one: 500 }, posCode: 'A1' }],
      posVendor: 'x',
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.menu).toMatchObject({ version: 1, currency: 'CNY', toppings: [], limits: { maxToppings: 3, maxQuantity: 20, maxLines: 20 }, posVendor: 'x' });
    expect(parsed.menu.items[0]).toMatchObject({ aliases: [], posCode: 'A1' });
  });
});

describe('MENU_FILE at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'menu-file-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('a missing file, broken JSON or a bad menu stops the start with the path and every problem', () => {
    expect(() => loadMenuFile(join(dir, 'nope.json'))).toThrow(/MENU_FILE .*nope\.json: cannot be read/);
    expect(() => loadMenuFile(file('broken.json', '{"items": ['))).toThrow(/broken\.json: not valid JSON/);
    const bad = valid();
    bad.items[0].prices.XL = 100;
    bad.sizes[1].name = { zh: '大杯' };
    expect(() => loadMenuFile(file('bad.json', JSON.stringify(bad)))).toThrow(/bad\.json: 1 problem\(s\):\n {2}sizes\[1\]\.name\.en: .*/);
  });

  it('a good file loads', () => {
    const menu = valid();
    menu.items[0].prices.M = 1600;
    expect(loadMenuFile(file('good.json', JSON.stringify(menu))).items[0]!.prices.M).toBe(1600);
  });
});
