import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSuites } from './case-files.ts';

// Conversation files: the public tables by default, a .ts table with its MENU_FILE, JSON with a
// group, a menu file relative to it and patterns as strings.

describe('loading conversation files', () => {
  let dir: string;
  beforeAll(async () => void (dir = await mkdtemp(path.join(tmpdir(), 'eval-cases-'))));
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('no file: the three public tables, each on its menu; --limit takes the first n of each', async () => {
    const suites = await loadSuites([], 2);
    expect(suites.map((suite) => [suite.group, suite.cases.length, suite.menu.items.length > 0])).toEqual([
      ['rule-cases.zh-en', 2, true],
      ['rule-cases.fruit-coffee', 2, true],
      ['held-out', 2, true],
    ]);
    expect(suites[1]!.menu.items.some((item) => item.id === 'grape-cheese')).toBe(true);
  });

  it('a .ts case table: every exported array is a group, on the menu its MENU_FILE names', async () => {
    const [suite] = await loadSuites([path.resolve(import.meta.dirname, '../../shared/testing/rule-cases.fruit-coffee.ts')]);
    expect(suite!.group).toBe('rule-cases.fruit-coffee.FRUIT_COFFEE_CASES');
    expect(suite!.menu.items.some((item) => item.id === 'grape-cheese')).toBe(true);
  });

  it('JSON: group, a menu file relative to it, patterns as strings or /…/flags', async () => {
    const file = path.join(dir, 'shop.json');
    await writeFile(
      file,
      JSON.stringify({
        group: 'my shop',
        menuFile: path.relative(dir, path.resolve(import.meta.dirname, '../../shared/menus/fruit-coffee.json')),
        cases: [
          { name: 'a', say: ['hi'], lines: [], state: 'empty', reply: '/HELLO/i', replyNot: 'sorry' },
          { name: 'b', say: ['hi'], cart: [] },
        ],
      }),
    );
    const [suite] = await loadSuites([file]);
    expect(suite!.group).toBe('my shop');
    expect(suite!.menu.items.some((item) => item.id === 'grape-cheese')).toBe(true);
    const [first] = suite!.cases as { reply: RegExp; replyNot: RegExp }[];
    expect(first!.reply.test('hello there')).toBe(true);
    expect(first!.replyNot.source).toBe('sorry');
  });

  it('refuses a file that is not one: bad JSON, an unknown field, duplicate names, a bad pattern', async () => {
    const bad = async (name: string, text: string) => {
      await writeFile(path.join(dir, name), text);
      return loadSuites([path.join(dir, name)]);
    };
    await expect(bad('a.json', '{')).rejects.toThrow(/a\.json: not JSON/);
    await expect(bad('b.json', JSON.stringify([{ name: 'x', say: ['hi'], lines: [], state: 'empty', typo: 1 }]))).rejects.toThrow(
      /b\.json: not a conversation file/,
    );
    await expect(
      bad(
        'c.json',
        JSON.stringify([
          { name: 'x', say: ['hi'], cart: [] },
          { name: 'x', say: ['yo'], cart: [] },
        ]),
      ),
    ).rejects.toThrow(/unique/);
    await expect(bad('d.json', JSON.stringify([{ name: 'x', say: ['hi'], lines: [], state: 'empty', reply: '(' }]))).rejects.toThrow(/d\.json/);
  });
});
