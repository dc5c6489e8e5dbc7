import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/http/logger.ts';
import { defaultMenuDefinition } from '../../shared/menu/load-menu-file.ts';
import { openFunction } from './main.ts';

describe('the order function with MENU_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'order-menu-'));

  it('a bad menu file refuses the start, naming the file and every bad field, before a database is made', async () => {
    const menu: Record<string, any> = defaultMenuDefinition();
    menu.items[0].prices = { XL: 100 };
    menu.toppings[0].price = -1;
    const menuFile = join(dir, 'bad-menu.json');
    writeFileSync(menuFile, JSON.stringify(menu));
    const dbPath = join(dir, 'refused.db');
    await expect(openFunction({ env: { DB_PATH: dbPath, MENU_FILE: menuFile }, log: silentLogger, siblings: {} })).rejects.toThrow(
      /bad-menu\.json: 1 problem\(s\):\n {2}toppings\[0\]\.price: must not be negative/,
    );
    expect(existsSync(dbPath)).toBe(false);
  });

  it('a good file seeds a new database; a restart with another file keeps the database’s menu', async () => {
    const menu = defaultMenuDefinition();
    menu.items = [{ id: 'house-tea', name: { zh: '招牌茶', en: 'House Tea' }, aliases: [], prices: { M: 999 } }];
    const menuFile = join(dir, 'shop.json');
    writeFileSync(menuFile, JSON.stringify(menu));
    const env = { DB_PATH: join(dir, 'shop.db'), MENU_FILE: menuFile };
    const first = await openFunction({ env, log: silentLogger, siblings: {} });
    const served = (await (await first.app.request('/menu')).json()) as { version: number; items: { id: string; prices: Record<string, number> }[] };
    expect(served.items.map((item) => [item.id, item.prices.M])).toEqual([['house-tea', 999]]);
    await first.close();
    menu.items[0]!.prices.M = 1;
    writeFileSync(menuFile, JSON.stringify(menu));
    const second = await openFunction({ env, log: silentLogger, siblings: {} });
    const again = (await (await second.app.request('/menu')).json()) as { items: { prices: Record<string, number> }[] };
    expect(again.items[0]!.prices.M).toBe(999);
    await second.close();
  });
});
