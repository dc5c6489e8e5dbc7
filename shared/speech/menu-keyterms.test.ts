import { describe, expect, it } from 'vitest';
import { defaultMenuDefinition } from '../menu/load-menu-file.ts';
import { menuKeyterms } from './menu-keyterms.ts';

describe('menu key terms', () => {
  it('names every drink, topping, size, sugar and ice level first, then the aliases in that language, each once', () => {
    const menu = defaultMenuDefinition();
    const en = menuKeyterms(menu, 'en');
    const names = [...menu.items, ...menu.toppings, ...menu.sizes, ...menu.sugar, ...menu.ice].map((entry) => entry.name.en);
    expect(en.slice(0, names.length)).toEqual([...new Set(names)]);
    expect(en).toContain('bubble tea');
    expect(en.every((term) => !/\p{Script=Han}/u.test(term))).toBe(true);
    expect(new Set(en.map((term) => term.toLowerCase())).size).toBe(en.length);
    const zh = menuKeyterms(menu, 'zh');
    expect(zh).toEqual(expect.arrayContaining(['乌龙奶茶', '波霸奶茶', '大杯', '半糖', '去冰']));
    expect(zh.every((term) => !/[a-z]/i.test(term))).toBe(true);
  });
});
