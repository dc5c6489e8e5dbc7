import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMenuDefinition } from '../menu/menu-file-schema.ts';
import type { MenuDefinition } from '../menu/menu-types.ts';
import { createTestOrderApp } from '../testing/order-fixture.ts';
import { formatCaseLine, runConversation } from '../testing/rule-case-driver.ts';

// The shipped menus are examples an owner copies: each is valid, served and priced, and the
// offline agent takes orders from it in both languages with nothing in code about its drinks.

const dir = import.meta.dirname;
const load = (file: string): MenuDefinition => {
  const parsed = parseMenuDefinition(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.issues)}`);
  return parsed.menu;
};

describe('the shipped menus', () => {
  const files = readdirSync(dir).filter((file) => file.endsWith('.json'));

  it('are default.json, original.json and fruit-coffee.json, each valid', () => {
    expect(files.sort()).toEqual(['default.json', 'fruit-coffee.json', 'original.json']);
    for (const file of files) expect(load(file).items.length).toBeGreaterThan(4);
  });

  it.each(files)('%s: served by GET /menu and every drink ordered in every size at its price', async (file) => {
    const menu = load(file);
    const { app } = createTestOrderApp({ seedMenu: menu });
    const served = (await (await app.request('/menu')).json()) as { items: { id: string; sugar: number[]; ice: string[] }[] };
    expect(served.items.map((item) => item.id)).toEqual(menu.items.map((item) => item.id));
    for (const item of served.items) {
      const prices = menu.items.find((entry) => entry.id === item.id)!.prices;
      for (const [size, price] of Object.entries(prices)) {
        const line = { itemId: item.id, size, sugar: item.sugar[0], ice: item.ice[0] };
        const response = await app.request('/orders', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ lines: [line] }),
        });
        expect(response.status, `${item.id} ${size}`).toBe(201);
        expect(((await response.json()) as { total: number }).total).toBe(price);
      }
    }
  });
});

type MenuCase = { say: string[]; lines: string[]; orders?: number[]; reply?: RegExp };

/** Conversations on the other shops' menus, in both languages. */
const CASES: Record<string, MenuCase[]> = {
  'original.json': [
    { say: ['我要一杯大杯红茶拿铁，五分糖，多冰'], lines: ['black-tea-latte/L/50/extra/[]/1'] },
    { say: ['两杯小杯乌龙奶茶，无糖去冰，加布丁'], lines: ['oolong-milk-tea/S/0/none/[pudding]/2'] },
    { say: ['a medium matcha latte, 30% sweet, less ice'], lines: ['matcha-latte/M/30/light/[]/1'] },
    { say: ['one small cheese foam tea no sugar extra ice', "that's all", 'yes'], lines: [], orders: [2000] },
    { say: ['一杯中杯黑糖珍珠奶茶 全糖 正常冰', '就这些', '确认'], lines: [], orders: [1950] },
    { say: ['一杯超大杯乌龙奶茶'], lines: [], reply: /小杯、中杯和大杯/ },
    { say: ['来一杯杨枝甘露'], lines: [], reply: /菜单上没有“杨枝甘露”。我们有乌龙奶茶/ },
  ],
  'fruit-coffee.json': [
    { say: ['一杯超大杯多肉葡萄，半糖少冰'], lines: ['grape-cheese/XL/50/light/[]/1'] },
    { say: ['两杯中杯生椰拿铁，微糖，温的'], lines: ['coconut-latte/M/30/warm/[]/2'] },
    { say: ['a large orange americano, no added sugar, no ice, extra shot'], lines: ['orange-americano/L/0/none/[extra-shot]/1'] },
    { say: ['一杯大杯暴打柠檬绿 半糖 多冰', '就这些', '确认'], lines: [], orders: [1600] },
    { say: ['one large coconut latte, half sugar, hot', "that's all", 'yes'], lines: [], orders: [2100] },
  ],
};

describe('the offline agent on other shops’ menus', () => {
  for (const [file, cases] of Object.entries(CASES)) {
    it.each(cases.map((c) => [c.say.join(' / '), c] as const))(`${file}: %s`, async (_name, c) => {
      const result = await runConversation(c.say, {}, undefined, load(file));
      const context = `replies: ${JSON.stringify(result.replies)}`;
      expect(result.state.cart.map(formatCaseLine), context).toEqual(c.lines);
      expect(
        result.orders.map((order) => order.total),
        context,
      ).toEqual(c.orders ?? []);
      if (c.reply) expect(result.replies.at(-1), context).toMatch(c.reply);
    });
  }
});
