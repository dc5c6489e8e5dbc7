// A three-way merge of menu files, for an owner whose save was refused because someone else
// saved first: what this owner changed since `base` goes on top of `theirs`. Lists of objects
// with an `id` (drinks, toppings, sizes…) merge entry by entry; anything both changed keeps
// this owner's value and is reported by its path in the result (the same paths as the API's issues).

type Json = unknown;
export type MergeResult = { merged: Json; conflicts: string[] };

const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasIds = (value: Json): value is Record<string, Json>[] => Array.isArray(value) && value.every((entry) => isObject(entry) && 'id' in entry);

export function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((entry, i) => sameJson(entry, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a).filter((key) => a[key] !== undefined);
  return keys.length === Object.keys(b).filter((key) => b[key] !== undefined).length && keys.every((key) => sameJson(a[key], b[key]));
}

export function mergeMenus(base: Json, mine: Json, theirs: Json): MergeResult {
  const conflicts: string[] = [];
  const merged = merge(base, mine, theirs, '', conflicts);
  return { merged, conflicts };
}

function merge(base: Json, mine: Json, theirs: Json, path: string, conflicts: string[]): Json {
  if (sameJson(mine, base)) return theirs;
  if (sameJson(theirs, base) || sameJson(mine, theirs)) return mine;
  if (isObject(mine) && isObject(theirs)) return mergeObjects(isObject(base) ? base : {}, mine, theirs, path, conflicts);
  if (hasIds(mine) && hasIds(theirs)) return mergeLists(hasIds(base) ? base : [], mine, theirs, path, conflicts);
  conflicts.push(path || '(menu)');
  return mine;
}

function mergeObjects(base: Record<string, Json>, mine: Record<string, Json>, theirs: Record<string, Json>, path: string, conflicts: string[]) {
  const out: Record<string, Json> = {};
  for (const key of new Set([...Object.keys(theirs), ...Object.keys(mine)])) {
    const value = merge(base[key], mine[key], theirs[key], path ? `${path}.${key}` : key, conflicts);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function mergeLists(base: Record<string, Json>[], mine: Record<string, Json>[], theirs: Record<string, Json>[], path: string, conflicts: string[]) {
  const byId = (list: Record<string, Json>[]) => new Map(list.map((entry) => [entry.id, entry]));
  const [baseById, mineById, theirsById] = [byId(base), byId(mine), byId(theirs)];
  const out: Json[] = [];
  const take = (id: Json) => {
    const value = merge(baseById.get(id), mineById.get(id), theirsById.get(id), `${path}[${out.length}]`, conflicts);
    if (value !== undefined) out.push(value);
  };
  // Their order first (what the live menu shows), then what only this owner added, in its order.
  for (const entry of theirs) take(entry.id);
  for (const entry of mine) if (!theirsById.has(entry.id)) take(entry.id);
  return out;
}
