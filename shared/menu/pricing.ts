import { AppError, rewordError } from '../errors.ts';
import { ORDER_ERRORS } from '../orders/order-errors.ts';
import { WARM_ICE_IDS, type Catalog } from './catalog.ts';
import type { ValidLine } from './line-schema.ts';
import { MIN_QUANTITY, type LocalizedName } from './menu-types.ts';

export type PricedLine = ValidLine & {
  lineId: string;
  name: LocalizedName;
  unitPrice: number;
  lineTotal: number;
};

/** Every menu rule a line can break; the tool runner and the replies share these codes, the order catalog gives their statuses. */
export type LineProblemCode =
  | 'unknown_item'
  | 'item_sold_out'
  | 'size_not_offered'
  | 'cold_only'
  | 'ice_not_allowed'
  | 'sugar_not_allowed'
  | 'unknown_topping'
  | 'topping_not_allowed'
  | 'duplicate_topping'
  | 'too_many_toppings'
  | 'quantity_out_of_range';

export type LineProblem = {
  code: LineProblemCode;
  field: keyof ValidLine;
  message: string;
  params?: Record<string, string | number>;
};

/** The first menu rule a line breaks against the live menu, or null. Shared by the order service and the agent's tools. */
export function findLineProblem(line: ValidLine, catalog: Catalog): LineProblem | null {
  const item = catalog.item(line.itemId);
  if (!item) return { code: 'unknown_item', field: 'itemId', message: `unknown item "${line.itemId}"`, params: { itemId: line.itemId } };
  if (catalog.isSoldOut(item.id)) {
    return { code: 'item_sold_out', field: 'itemId', message: `${item.id} is sold out today`, params: { itemId: item.id } };
  }
  const sizes = catalog.sizesOf(item);
  if (!sizes.includes(line.size)) {
    const allowed = sizes.join(' or ');
    return { code: 'size_not_offered', field: 'size', message: `${item.id} comes in size ${allowed}`, params: { itemId: item.id, size: line.size, allowed } };
  }
  const ice = catalog.iceOf(item);
  if (!ice.includes(line.ice)) {
    const allowed = ice.join(', ');
    if (WARM_ICE_IDS.includes(line.ice) && catalog.iceLevel(line.ice)) {
      return { code: 'cold_only', field: 'ice', message: `${item.id} is cold only`, params: { itemId: item.id, allowed } };
    }
    return { code: 'ice_not_allowed', field: 'ice', message: `${item.id} ice must be one of ${allowed}`, params: { itemId: item.id, ice: line.ice, allowed } };
  }
  const sugar = catalog.sugarOf(item);
  if (!sugar.includes(line.sugar)) {
    const allowed = sugar.join(' or ');
    return { code: 'sugar_not_allowed', field: 'sugar', message: `${item.id} sugar must be ${allowed}`, params: { itemId: item.id, allowed } };
  }
  const toppings = line.toppings ?? [];
  const unknown = toppings.find((id) => !catalog.topping(id));
  if (unknown !== undefined) return { code: 'unknown_topping', field: 'toppings', message: `unknown topping "${unknown}"`, params: { toppingId: unknown } };
  const allowedToppings = catalog.toppingsOf(item);
  const refused = toppings.find((id) => !allowedToppings.includes(id));
  if (refused !== undefined) {
    return { code: 'topping_not_allowed', field: 'toppings', message: `${item.id} cannot have "${refused}"`, params: { itemId: item.id, toppingId: refused } };
  }
  if (new Set(toppings).size !== toppings.length) {
    return { code: 'duplicate_topping', field: 'toppings', message: 'each topping can be added once' };
  }
  const { maxToppings, maxQuantity } = catalog.limits;
  if (toppings.length > maxToppings) {
    return { code: 'too_many_toppings', field: 'toppings', message: `at most ${maxToppings} toppings per drink`, params: { max: maxToppings } };
  }
  const quantity = line.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < MIN_QUANTITY || quantity > maxQuantity) {
    return { code: 'quantity_out_of_range', field: 'quantity', message: `quantity must be ${MIN_QUANTITY}..${maxQuantity}`, params: { max: maxQuantity } };
  }
  return null;
}

/** Unit price in fen: the size's price plus toppings. Assumes the line passed findLineProblem. */
export function unitPriceOf(line: Pick<ValidLine, 'itemId' | 'size' | 'toppings'>, catalog: Catalog): number {
  const item = catalog.item(line.itemId);
  const sizePrice = item?.prices[line.size];
  if (!item || sizePrice === undefined) throw ORDER_ERRORS.raise('unknown_item', `unknown item "${line.itemId}" in size "${line.size}"`);
  return (line.toppings ?? []).reduce((sum, id) => sum + (catalog.topping(id)?.price ?? 0), sizePrice);
}

/** The one pricing function: validates a line against the live menu and prices it, or throws 422/409. */
export function priceLine(line: ValidLine, lineId: string, catalog: Catalog): PricedLine {
  const problem = findLineProblem(line, catalog);
  if (problem) throw ORDER_ERRORS.raise(problem.code, problem.message, { field: problem.field, ...problem.params });
  const item = catalog.item(line.itemId)!;
  const unitPrice = unitPriceOf(line, catalog);
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

/** Prices a whole cart or order; enforces the menu's line count limit. */
export function priceLines(lines: readonly (ValidLine & { lineId?: string })[], catalog: Catalog, newId: () => string = () => crypto.randomUUID()) {
  const { maxLines } = catalog.limits;
  if (lines.length > maxLines) throw ORDER_ERRORS.raise('too_many_lines', `at most ${maxLines} lines per order`, { max: maxLines });
  const priced = lines.map((line, index) => {
    try {
      return priceLine(line, line.lineId ?? newId(), catalog);
    } catch (error) {
      if (error instanceof AppError) throw rewordError(error, `line ${index + 1}: ${error.message}`, { ...error.details, line: index + 1 });
      throw error;
    }
  });
  return { lines: priced, total: priced.reduce((sum, line) => sum + line.lineTotal, 0) };
}
