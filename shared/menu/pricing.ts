import { AppError } from '../errors.ts';
import type { ValidLine } from './line-schema.ts';
import { LIMITS, findMenuItem, findTopping, type LocalizedName } from './menu.ts';

export type PricedLine = ValidLine & {
  lineId: string;
  name: LocalizedName;
  unitPrice: number;
  lineTotal: number;
};

/** Every menu rule a line can break; the tool runner and the replies share these codes. */
export type LineProblemCode =
  | 'unknown_item'
  | 'item_sold_out'
  | 'cold_only'
  | 'sugar_not_allowed'
  | 'unknown_topping'
  | 'duplicate_topping'
  | 'too_many_toppings'
  | 'quantity_out_of_range';

export type LineProblem = {
  code: LineProblemCode;
  field: keyof ValidLine;
  message: string;
  params?: Record<string, string | number>;
};

/** Items currently sold out; the order service reads them from the database. */
export type Availability = { isSoldOut(itemId: string): boolean };
export const ALL_AVAILABLE: Availability = { isSoldOut: () => false };

/** The first menu rule a line breaks, or null. Shared by the order service and the agent's tools. */
export function findLineProblem(line: ValidLine, availability: Availability = ALL_AVAILABLE): LineProblem | null {
  const item = findMenuItem(line.itemId);
  if (!item) return { code: 'unknown_item', field: 'itemId', message: `unknown item "${line.itemId}"`, params: { itemId: line.itemId } };
  if (availability.isSoldOut(item.id)) {
    return { code: 'item_sold_out', field: 'itemId', message: `${item.id} is sold out today`, params: { itemId: item.id } };
  }
  if (line.ice === 'hot' && !item.hotAllowed) {
    return { code: 'cold_only', field: 'ice', message: `${item.id} is cold only`, params: { itemId: item.id } };
  }
  if (!item.sugarLevels.includes(line.sugar)) {
    const allowed = item.sugarLevels.join(' or ');
    return { code: 'sugar_not_allowed', field: 'sugar', message: `${item.id} sugar must be ${allowed}`, params: { itemId: item.id, allowed } };
  }
  const toppings = line.toppings ?? [];
  const unknown = toppings.find((id) => !findTopping(id));
  if (unknown !== undefined) return { code: 'unknown_topping', field: 'toppings', message: `unknown topping "${unknown}"`, params: { toppingId: unknown } };
  if (new Set(toppings).size !== toppings.length) {
    return { code: 'duplicate_topping', field: 'toppings', message: 'each topping can be added once' };
  }
  if (toppings.length > LIMITS.maxToppings) {
    return { code: 'too_many_toppings', field: 'toppings', message: `at most ${LIMITS.maxToppings} toppings per drink` };
  }
  const quantity = line.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < LIMITS.minQuantity || quantity > LIMITS.maxQuantity) {
    return { code: 'quantity_out_of_range', field: 'quantity', message: `quantity must be ${LIMITS.minQuantity}..${LIMITS.maxQuantity}` };
  }
  return null;
}

/** Unit price in fen: size price plus toppings. Assumes the line passed findLineProblem. */
export function unitPriceOf(line: Pick<ValidLine, 'itemId' | 'size' | 'toppings'>): number {
  const item = findMenuItem(line.itemId);
  if (!item) throw new AppError(422, 'unknown_item', `unknown item "${line.itemId}"`);
  return (line.toppings ?? []).reduce((sum, id) => sum + (findTopping(id)?.price ?? 0), item.prices[line.size]);
}

/** The one pricing function: validates a line against the menu and prices it, or throws 422/409. */
export function priceLine(line: ValidLine, lineId: string, availability: Availability = ALL_AVAILABLE): PricedLine {
  const problem = findLineProblem(line, availability);
  if (problem) {
    const status = problem.code === 'item_sold_out' ? 409 : 422;
    throw new AppError(status, problem.code, problem.message, { field: problem.field, ...problem.params });
  }
  const item = findMenuItem(line.itemId)!;
  const unitPrice = unitPriceOf(line);
  const quantity = line.quantity ?? 1;
  return {
    lineId,
    itemId: item.id,
    name: item.name,
    size: line.size,
    sugar: line.sugar,
    ice: line.ice,
    toppings: [...(line.toppings ?? [])],
    quantity,
    unitPrice,
    lineTotal: unitPrice * quantity,
  };
}

/** Prices a whole cart or order; enforces the line count limit. */
export function priceLines(
  lines: readonly (ValidLine & { lineId?: string })[],
  availability: Availability = ALL_AVAILABLE,
  newId: () => string = () => crypto.randomUUID(),
) {
  if (lines.length > LIMITS.maxLines) throw new AppError(422, 'too_many_lines', `at most ${LIMITS.maxLines} lines per order`);
  const priced = lines.map((line, index) => {
    try {
      return priceLine(line, line.lineId ?? newId(), availability);
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.status, error.code, `line ${index + 1}: ${error.message}`, { ...error.details, line: index + 1 });
      throw error;
    }
  });
  return { lines: priced, total: priced.reduce((sum, line) => sum + line.lineTotal, 0) };
}
