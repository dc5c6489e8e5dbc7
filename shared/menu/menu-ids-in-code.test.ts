import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMenuDefinition } from './menu-file-schema.ts';

// The menu is data: no drink or topping of any shipped menu is named in product code. Tests
// and test support (shared/testing) may name them; the menus themselves live in shared/menus.

const root = join(import.meta.dirname, '..', '..');
const MENUS = join(root, 'shared', 'menus');
const SCANNED = ['shared', 'functions'];
const SKIPPED = [join('shared', 'menus'), join('shared', 'testing')];

function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (SKIPPED.some((skipped) => relative(root, path) === skipped)) return [];
    if (entry.isDirectory()) return productFiles(path);
    // Test code: *.test.ts, and the contract suites the tests of each implementation import.
    return /\.(ts|tsx|css|html)$/.test(entry.name) && !/(\.test\.tsx?|-contract\.ts)$/.test(entry.name) ? [path] : [];
  });
}

function shippedIds(): string[] {
  const ids = new Set<string>();
  for (const file of readdirSync(MENUS).filter((name) => name.endsWith('.json'))) {
    const parsed = parseMenuDefinition(JSON.parse(readFileSync(join(MENUS, file), 'utf8')));
    if (!parsed.ok) throw new Error(`${file} is not a valid menu`);
    for (const entry of [...parsed.menu.items, ...parsed.menu.toppings]) ids.add(entry.id);
  }
  return [...ids];
}

/** A hyphenated id anywhere; a one-word id ("pudding") only as a string literal, since it is also an English word. */
function mentions(text: string, id: string): boolean {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return id.includes('-') ? new RegExp(`(^|[^\\w-])${escaped}($|[^\\w-])`).test(text) : new RegExp(`['"\`]${escaped}['"\`]`).test(text);
}

describe('no drink or topping id in product code', () => {
  it('knows the shipped menus’ ids', () => {
    expect(shippedIds().length).toBeGreaterThan(10);
  });

  it('shared/ and functions/ (outside shared/menus and tests) name none of them', () => {
    const ids = shippedIds();
    const found = SCANNED.flatMap((dir) => productFiles(join(root, dir))).flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      return ids.filter((id) => mentions(text, id)).map((id) => `${relative(root, path)}: ${id}`);
    });
    expect(found).toEqual([]);
  });

  it('would catch one (the check itself works)', () => {
    expect(mentions("const x = 'pudding';", 'pudding')).toBe(true);
    expect(mentions('pearls included', 'pearls')).toBe(false);
    expect(mentions('if (id === "pearl-milk-tea")', 'pearl-milk-tea')).toBe(true);
    expect(mentions('brown-sugar-pearl-milk-tea-x', 'pearl-milk-tea')).toBe(false);
  });
});
