import * as v from 'valibot';
import { DEFAULT_LIMITS, type MenuDefinition } from './menu-types.ts';

// The menu file (DESIGN.md §4), checked field by field: a file with problems is refused with
// the path of every one of them. Fields beyond these are kept (export gives them back).

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const IdSchema = v.pipe(v.string('must be a string id'), v.regex(ID_RE, 'must be 1..64 letters, digits, "-", "_" or "." (starting with a letter or digit)'));
const TextSchema = v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(80, 'at most 80 characters'));
const NameSchema = v.object({ zh: TextSchema, en: TextSchema }, 'must be an object { zh, en }');
const AliasesSchema = v.optional(
  v.pipe(
    v.array(
      v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(40, 'at most 40 characters')),
      'must be a list of strings',
    ),
    v.maxLength(30, 'at most 30 aliases'),
  ),
  [],
);
const FenSchema = v.pipe(
  v.number('must be a price in fen (a number)'),
  v.integer('must be a whole number of fen'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(1_000_000, 'at most 1000000 fen'),
);
const SugarIdSchema = v.pipe(
  v.number('must be a sugar percent (a number)'),
  v.integer('must be a whole percent'),
  v.minValue(0, 'must be 0..100'),
  v.maxValue(100, 'must be 0..100'),
);
const count = (max: number) =>
  v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'), v.maxValue(max, `at most ${max}`));

const OptionSchema = <T extends v.GenericSchema<string | number>>(id: T) => v.looseObject({ id, name: NameSchema, aliases: AliasesSchema });
const ToppingSchema = v.looseObject({ id: IdSchema, name: NameSchema, aliases: AliasesSchema, price: FenSchema });
const ItemSchema = v.looseObject({
  id: IdSchema,
  name: NameSchema,
  aliases: AliasesSchema,
  category: v.optional(NameSchema),
  prices: v.pipe(
    v.record(v.string(), FenSchema, 'must be an object { sizeId: price in fen }'),
    v.check((prices) => Object.keys(prices).length > 0, 'needs at least one size with its price'),
  ),
  sugar: v.optional(v.pipe(v.array(SugarIdSchema, 'must be a list of sugar ids'), v.minLength(1, 'must allow at least one sugar level'))),
  ice: v.optional(v.pipe(v.array(IdSchema, 'must be a list of ice ids'), v.minLength(1, 'must allow at least one ice level'))),
  toppings: v.optional(v.array(IdSchema, 'must be a list of topping ids')),
  includes: v.optional(v.array(IdSchema, 'must be a list of topping ids')),
  note: v.optional(NameSchema),
});

const MenuFileSchema = v.looseObject({
  version: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must not be negative')), 1),
  shop: v.optional(v.looseObject({ name: NameSchema })),
  currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as "CNY"')), 'CNY'),
  sizes: v.pipe(v.array(OptionSchema(IdSchema), 'must be a list of sizes'), v.minLength(1, 'needs at least one size'), v.maxLength(12, 'at most 12 sizes')),
  sugar: v.pipe(
    v.array(OptionSchema(SugarIdSchema), 'must be a list of sugar levels'),
    v.minLength(1, 'needs at least one sugar level'),
    v.maxLength(12, 'at most 12 sugar levels'),
  ),
  ice: v.pipe(
    v.array(OptionSchema(IdSchema), 'must be a list of ice levels'),
    v.minLength(1, 'needs at least one ice level'),
    v.maxLength(12, 'at most 12 ice levels'),
  ),
  toppings: v.optional(v.pipe(v.array(ToppingSchema, 'must be a list of toppings'), v.maxLength(100, 'at most 100 toppings')), []),
  limits: v.optional(
    v.object({
      maxToppings: v.optional(
        v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must not be negative'), v.maxValue(10, 'at most 10')),
        DEFAULT_LIMITS.maxToppings,
      ),
      maxQuantity: v.optional(count(99), DEFAULT_LIMITS.maxQuantity),
      maxLines: v.optional(count(50), DEFAULT_LIMITS.maxLines),
    }),
    DEFAULT_LIMITS,
  ),
  items: v.pipe(v.array(ItemSchema, 'must be a list of drinks'), v.minLength(1, 'needs at least one drink'), v.maxLength(500, 'at most 500 drinks')),
});

export type MenuIssue = { path: string; message: string };
export type MenuParseResult = { ok: true; menu: MenuDefinition } | { ok: false; issues: MenuIssue[] };

/** Checks a menu (the file, a PUT /menu body): its shape, then that every id it refers to exists. */
export function parseMenuDefinition(input: unknown): MenuParseResult {
  const parsed = v.safeParse(MenuFileSchema, input);
  if (!parsed.success) return { ok: false, issues: parsed.issues.map((issue) => ({ path: pathOf(issue.path), message: messageOf(issue) })) };
  const menu: MenuDefinition = parsed.output;
  const issues = crossCheck(menu);
  return issues.length ? { ok: false, issues } : { ok: true, menu };
}

/** valibot says a missing key in its own words; the owner reads "is required". */
function messageOf(issue: v.BaseIssue<unknown>): string {
  return /^Invalid key: Expected ".*" but received undefined$/.test(issue.message) ? 'is required' : issue.message;
}

function pathOf(path: v.BaseIssue<unknown>['path']): string {
  if (!path?.length) return '(menu)';
  return path.map((step, index) => (typeof step.key === 'number' ? `[${step.key}]` : `${index ? '.' : ''}${String(step.key)}`)).join('');
}

/** What the schema cannot see: unique ids, and every reference pointing at something the menu has. */
function crossCheck(menu: MenuDefinition): MenuIssue[] {
  const issues: MenuIssue[] = [];
  const unique = (list: { id: string | number }[], field: string) => {
    const seen = new Set<string | number>();
    list.forEach((entry, index) => {
      if (seen.has(entry.id)) issues.push({ path: `${field}[${index}].id`, message: `duplicate id "${entry.id}"` });
      seen.add(entry.id);
    });
    return seen;
  };
  const sizes = unique(menu.sizes, 'sizes');
  const sugar = unique(menu.sugar, 'sugar');
  const ice = unique(menu.ice, 'ice');
  const toppings = unique(menu.toppings, 'toppings');
  unique(menu.items, 'items');
  const refer = (ids: readonly (string | number)[] | undefined, known: Set<string | number>, path: string, what: string) =>
    ids?.forEach((id, index) => {
      if (!known.has(id)) issues.push({ path: `${path}[${index}]`, message: `unknown ${what} "${id}" (not in the menu's ${what} list)` });
    });
  menu.items.forEach((item, index) => {
    const at = `items[${index}]`;
    for (const size of Object.keys(item.prices))
      if (!sizes.has(size)) issues.push({ path: `${at}.prices.${size}`, message: `unknown size "${size}" (not in the menu's sizes)` });
    refer(item.sugar, sugar, `${at}.sugar`, 'sugar');
    refer(item.ice, ice, `${at}.ice`, 'ice');
    refer(item.toppings, toppings, `${at}.toppings`, 'topping');
    refer(item.includes, toppings, `${at}.includes`, 'topping');
  });
  return issues;
}

/** A menu problem list as one readable message (the start-up error, logs). */
export function describeMenuIssues(issues: readonly MenuIssue[]): string {
  return issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n');
}
