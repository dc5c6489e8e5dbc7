import type { ValidLine } from '../../menu/line-schema.ts';
import type { Catalog } from '../../menu/catalog.ts';
import { unitPriceOf } from '../../menu/pricing.ts';
import { missingDraftFields, type ValidDraft } from '../../sessions/session-types.ts';
import { formatYuan } from '../../money.ts';
import type { Lang } from '../../lang.ts';

// Compact, JSON-serialisable views of lines for tool results. Money is shown as text in
// yuan ("¥18.00", shared/money.ts) so a model reads it as a price, and it always comes from pricing.ts.

export type LineView = {
  line: number;
  itemId: string;
  name: string;
  size: string;
  sugar: number;
  ice: string;
  toppings: string[];
  quantity: number;
};

export function viewLine(line: ValidLine, index: number, lang: Lang, catalog: Catalog): LineView {
  return {
    line: index + 1,
    itemId: line.itemId,
    name: catalog.item(line.itemId)?.name[lang] ?? line.itemId,
    size: line.size,
    sugar: line.sugar,
    ice: line.ice,
    toppings: [...(line.toppings ?? [])],
    quantity: line.quantity ?? 1,
  };
}

export function viewPricedLine(line: ValidLine, index: number, lang: Lang, catalog: Catalog) {
  const unit = unitPriceOf(line, catalog);
  return { ...viewLine(line, index, lang, catalog), unitPrice: formatYuan(unit), lineTotal: formatYuan(unit * (line.quantity ?? 1)) };
}

export function viewDraft(draft: ValidDraft | null, lang: Lang, catalog: Catalog) {
  if (!draft) return null;
  const name = draft.itemId ? catalog.item(draft.itemId)?.name[lang] : undefined;
  return { ...draft, ...(name ? { name } : {}), missing: missingDraftFields(draft) };
}

/** The cart total in fen, from the menu prices. */
export function cartTotal(lines: readonly ValidLine[], catalog: Catalog): number {
  return lines.reduce((sum, line) => sum + unitPriceOf(line, catalog) * (line.quantity ?? 1), 0);
}

/** What a read-back told the customer: every line with its unit price, and the total. */
export function cartFingerprint(lines: readonly ValidLine[], catalog: Catalog): string {
  return JSON.stringify([
    lines.map((line) => [line.itemId, line.size, line.sugar, line.ice, [...(line.toppings ?? [])].sort(), line.quantity ?? 1, unitPriceOf(line, catalog)]),
    cartTotal(lines, catalog),
  ]);
}
