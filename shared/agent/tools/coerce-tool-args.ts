import type { Catalog } from '../../menu/catalog.ts';

// LLMs (Llama hosts especially) send arguments as JSON text, numbers as strings, names
// instead of ids, "50%" for sugar. What is obviously meant is coerced here, before the
// schema check; anything else is left alone so the schema rejects it with a clear message.

type Coerced = { ok: true; args: Record<string, unknown> } | { ok: false; message: string };

const slug = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

function nameTable(entries: readonly { id: string; name: { zh: string; en: string }; aliases: string[] }[], extra: Record<string, string> = {}) {
  const table = new Map<string, string>();
  for (const entry of entries) {
    for (const name of [entry.id, entry.name.en, entry.name.zh, ...entry.aliases]) table.set(slug(name), entry.id);
  }
  for (const [name, id] of Object.entries(extra)) table.set(slug(name), id);
  return table;
}

/** The menu's names, aliases and their plurals or singulars → ids; built once per menu. */
const tables = new WeakMap<Catalog['definition'], { items: Map<string, string>; toppings: Map<string, string>; options: Map<string, string> }>();
function tablesOf(catalog: Catalog) {
  let found = tables.get(catalog.definition);
  if (!found) {
    const withNumbers = (table: Map<string, string>) => {
      for (const [name, id] of [...table]) {
        if (name.endsWith('s')) table.set(name.slice(0, -1), table.get(name.slice(0, -1)) ?? id);
        else table.set(`${name}s`, table.get(`${name}s`) ?? id);
      }
      return table;
    };
    const options = new Map<string, string>();
    for (const option of [...catalog.sizes, ...catalog.ice])
      for (const name of [option.id, option.name.en, option.name.zh, ...option.aliases]) options.set(slug(name), option.id);
    found = { items: withNumbers(nameTable(catalog.items)), toppings: withNumbers(nameTable(catalog.toppings)), options };
    tables.set(catalog.definition, found);
  }
  return found;
}

const SIZE_WORDS: Record<string, string> = {
  s: 'S',
  small: 'S',
  小: 'S',
  小杯: 'S',
  m: 'M',
  medium: 'M',
  'medium-size': 'M',
  中: 'M',
  中杯: 'M',
  l: 'L',
  large: 'L',
  big: 'L',
  大: 'L',
  大杯: 'L',
  xl: 'XL',
  'extra-large': 'XL',
  超大杯: 'XL',
};
const SUGAR_WORDS: Record<string, number> = {
  full: 100,
  'full-sugar': 100,
  regular: 100,
  normal: 100,
  全糖: 100,
  正常糖: 100,
  less: 70,
  'less-sugar': 70,
  少糖: 70,
  七分糖: 70,
  half: 50,
  'half-sugar': 50,
  半糖: 50,
  五分糖: 50,
  light: 30,
  'light-sugar': 30,
  little: 30,
  微糖: 30,
  三分糖: 30,
  none: 0,
  no: 0,
  'no-sugar': 0,
  'sugar-free': 0,
  zero: 0,
  无糖: 0,
};
const ICE_WORDS: Record<string, string> = {
  normal: 'regular',
  'regular-ice': 'regular',
  'normal-ice': 'regular',
  正常冰: 'regular',
  less: 'light',
  'less-ice': 'light',
  'light-ice': 'light',
  little: 'light',
  少冰: 'light',
  no: 'none',
  'no-ice': 'none',
  'without-ice': 'none',
  'ice-free': 'none',
  去冰: 'none',
  'room-temperature': 'room',
  'room-temp': 'room',
  常温: 'room',
  warm: 'warm',
  温: 'warm',
  热: 'hot',
  'extra-ice': 'extra',
  'more-ice': 'extra',
  多冰: 'extra',
};
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

function toNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return NUMBER_WORDS[text] ?? value;
}

function toSize(value: unknown, catalog: Catalog): unknown {
  if (typeof value !== 'string') return value;
  return tablesOf(catalog).options.get(slug(value)) ?? SIZE_WORDS[slug(value)] ?? value.trim().toUpperCase();
}

function toSugar(value: unknown): unknown {
  if (typeof value === 'number') return value > 0 && value < 1 ? Math.round(value * 100) : value;
  if (typeof value !== 'string') return value;
  const key = slug(value);
  if (SUGAR_WORDS[key] !== undefined) return SUGAR_WORDS[key];
  const digits = key.replace(/-?(%|percent)?(-sugar)?$/, '');
  return /^\d+(\.\d+)?$/.test(digits) ? toSugar(Number(digits)) : value;
}

function toIce(value: unknown, catalog: Catalog): unknown {
  if (typeof value !== 'string') return value;
  const text = slug(value);
  return tablesOf(catalog).options.get(text) ?? ICE_WORDS[text] ?? text;
}

function toId(table: Map<string, string>, value: unknown): unknown {
  return typeof value === 'string' ? (table.get(slug(value)) ?? value.trim()) : value;
}

function toIdList(table: Map<string, string>, value: unknown): unknown {
  if (typeof value === 'string') value = value.trim() === '' ? [] : value.split(/[,，、]/);
  return Array.isArray(value) ? value.map((one) => toId(table, one)) : value;
}

function toText(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return String(value);
  return typeof value === 'string' ? value.trim().replace(/^#/, '') : value;
}

const FIELD_COERCERS: Record<string, (value: unknown, catalog: Catalog) => unknown> = {
  itemId: (value, catalog) => toId(tablesOf(catalog).items, value),
  size: toSize,
  sugar: toSugar,
  ice: toIce,
  quantity: toNumber,
  line: toNumber,
  toppings: (value, catalog) => toIdList(tablesOf(catalog).toppings, value),
  addToppings: (value, catalog) => toIdList(tablesOf(catalog).toppings, value),
  removeToppings: (value, catalog) => toIdList(tablesOf(catalog).toppings, value),
  pickupCode: toText,
  orderId: toText,
};

/** Raw tool arguments (object or JSON text) → a fresh object with obviously meant values coerced. */
export function coerceToolArgs(raw: unknown, catalog: Catalog): Coerced {
  let value = raw;
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return { ok: true, args: {} };
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { ok: false, message: 'arguments must be a JSON object' };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'arguments must be a JSON object' };
  const args: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === null || field === undefined) continue; // "not given", as models often send it
    const coerce = FIELD_COERCERS[key];
    args[key] = coerce ? coerce(field, catalog) : field;
  }
  return { ok: true, args };
}
