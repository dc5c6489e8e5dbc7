import type { MenuDefinition } from './menu-types.ts';

const MAX_PARTS = 8;

/** What a new menu version changed, in a few words for the version list and the log. */
export function describeMenuChange(before: MenuDefinition, after: MenuDefinition): string {
  const parts: string[] = [];
  const ids = (list: { id: string }[]) => new Set(list.map((entry) => entry.id));
  const diffIds = (label: string, was: { id: string }[], now: { id: string }[]) => {
    const old = ids(was);
    const next = ids(now);
    for (const id of next) if (!old.has(id)) parts.push(`added ${label} ${id}`);
    for (const id of old) if (!next.has(id)) parts.push(`removed ${label} ${id}`);
  };
  diffIds('drink', before.items, after.items);
  diffIds('topping', before.toppings, after.toppings);
  const oldItems = new Map(before.items.map((item) => [item.id, item]));
  for (const item of after.items) {
    const old = oldItems.get(item.id);
    if (!old) continue;
    for (const size of new Set([...Object.keys(old.prices), ...Object.keys(item.prices)])) {
      if (old.prices[size] !== item.prices[size]) parts.push(`${item.id} ${size} ${old.prices[size] ?? '—'} → ${item.prices[size] ?? '—'}`);
    }
    const { prices: _a, ...oldRest } = old;
    const { prices: _b, ...newRest } = item;
    if (JSON.stringify(oldRest) !== JSON.stringify(newRest)) parts.push(`${item.id} details`);
  }
  const oldToppings = new Map(before.toppings.map((topping) => [topping.id, topping]));
  for (const topping of after.toppings) {
    const old = oldToppings.get(topping.id);
    if (old && old.price !== topping.price) parts.push(`topping ${topping.id} ${old.price} → ${topping.price}`);
    else if (old && JSON.stringify(old) !== JSON.stringify(topping)) parts.push(`topping ${topping.id} details`);
  }
  for (const field of ['sizes', 'sugar', 'ice', 'limits', 'shop', 'currency'] as const) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) parts.push(`${field} changed`);
  }
  if (parts.length === 0) return 'no change';
  return parts.length > MAX_PARTS ? `${parts.slice(0, MAX_PARTS).join('; ')}; and ${parts.length - MAX_PARTS} more` : parts.join('; ');
}
