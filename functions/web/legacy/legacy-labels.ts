import { describeLine } from '../../../shared/agent/replies/rule-replies.ts';
import { menuInScope } from '../../../shared/agent/menu-scope.ts';

// The original UI shows one drink with its options as Chinese text (drink_name "珍珠奶茶",
// size "大杯", sugar "半糖", ice "少冰", toppings ["布丁"]). Our ids become those labels here, by the live
// menu in scope (legacy-menu.ts reads it; the callers run inside withMenu).

export type LegacyOrderState = {
  drink_name: string | null;
  size: string | null;
  sugar: string | null;
  ice: string | null;
  toppings: string[];
  notes: string | null;
  is_complete: boolean;
};

export type LineFields = { itemId?: string; size?: string; sugar?: number; ice?: string; toppings?: string[]; quantity?: number };
export type FullLine = { itemId: string; size: string; sugar: number; ice: string; toppings?: string[]; quantity: number };

const drinkLabel = (itemId: string | undefined) => (itemId ? (menuInScope().item(itemId)?.name.zh ?? itemId) : null);
export const sizeLabel = (size: string | undefined) => (size ? (menuInScope().size(size)?.name.zh ?? size) : null);
export const sugarLabel = (sugar: number | undefined) => (sugar === undefined ? null : (menuInScope().sugarLevel(sugar)?.name.zh ?? `${sugar}%`));
export const iceLabel = (ice: string | undefined) => (ice ? (menuInScope().iceLevel(ice)?.name.zh ?? ice) : null);
export const toppingLabels = (toppings: string[] | undefined) => (toppings ?? []).map((id) => menuInScope().topping(id)?.name.zh ?? id);

export const EMPTY_ORDER_STATE: LegacyOrderState = { drink_name: null, size: null, sugar: null, ice: null, toppings: [], notes: null, is_complete: false };

/** One drink in the legacy fields; what else is in the cart goes into `notes`, so nothing is hidden. */
export function toLegacyOrderState(shown: LineFields, complete: boolean, others: FullLine[] = []): LegacyOrderState {
  const notes: string[] = [];
  if ((shown.quantity ?? 1) > 1) notes.push(`数量：${shown.quantity}杯`);
  if (others.length > 0) notes.push(`另有${others.map((line) => describeLine(line, 'zh')).join('；')}`);
  return {
    drink_name: drinkLabel(shown.itemId),
    size: sizeLabel(shown.size),
    sugar: sugarLabel(shown.sugar),
    ice: iceLabel(shown.ice),
    toppings: toppingLabels(shown.toppings),
    notes: notes.length > 0 ? notes.join('；') : null,
    is_complete: complete,
  };
}

/** A queue card's one-line drink: "珍珠奶茶", "珍珠奶茶 ×2", or "珍珠奶茶 等3杯" for several lines. */
export function drinkSummary(lines: FullLine[]): string | null {
  const first = lines[0];
  if (!first) return null;
  const name = drinkLabel(first.itemId);
  const cups = lines.reduce((sum, line) => sum + line.quantity, 0);
  if (lines.length === 1) return cups > 1 ? `${name} ×${cups}` : name;
  return `${name} 等${cups}杯`;
}
