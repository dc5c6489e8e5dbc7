import { WARM_ICE_IDS } from '../../menu/catalog.ts';
import { MIN_QUANTITY, type IceId } from '../../menu/menu-types.ts';
import { menuInScope } from '../menu-scope.ts';
import type { DrinkSpec } from './intents.ts';
import type { Keyword } from './lexicon.ts';
import type { Token } from './tokenize.ts';

// A drink as described so far, and how option tokens change it.

export const newSpec = (): DrinkSpec => ({ addToppings: [], removeToppings: [], noToppings: false });
export const OPTION_TYPES = new Set(['size', 'sugar', 'ice', 'num', 'topping', 'no_toppings', 'pct', 'bad_num']);
export const isKw = (token: Token, k: Keyword) => token.type === 'kw' && token.keyword === k;

export function specIsEmpty(spec: DrinkSpec): boolean {
  return (
    spec.itemId === undefined &&
    spec.size === undefined &&
    spec.sugar === undefined &&
    spec.ice === undefined &&
    spec.quantity === undefined &&
    spec.badQuantity === undefined &&
    spec.quantityRange === undefined &&
    spec.badSize === undefined &&
    spec.badSugar === undefined &&
    spec.addToppings.length === 0 &&
    spec.removeToppings.length === 0 &&
    !spec.noToppings
  );
}

export type Ctx = { corrected: boolean; negate: boolean };

const warm = (ice: IceId) => WARM_ICE_IDS.includes(ice);

function setIce(spec: DrinkSpec, ice: IceId, ctx: Ctx) {
  if (spec.ice !== undefined && spec.ice !== ice && !ctx.corrected && (warm(spec.ice) || warm(ice))) {
    spec.iceConflict = [spec.ice, ice];
    delete spec.ice;
    return;
  }
  if (spec.iceConflict && !ctx.corrected) {
    if (!spec.iceConflict.includes(ice)) spec.iceConflict.push(ice);
    return;
  }
  delete spec.iceConflict;
  spec.ice = ice;
}

function setQuantity(spec: DrinkSpec, value: number) {
  delete spec.quantityRange;
  if (Number.isInteger(value) && value >= MIN_QUANTITY && value <= menuInScope().limits.maxQuantity) {
    spec.quantity = value;
    delete spec.badQuantity;
  } else {
    spec.badQuantity = value;
    delete spec.quantity;
  }
}

/** Applies one option token to a drink; returns false when the token is not an option. */
export function applyOption(spec: DrinkSpec, token: Token, ctx: Ctx): boolean {
  switch (token.type) {
    case 'size':
      if (menuInScope().size(token.value)) {
        spec.size = token.value;
        delete spec.badSize;
      } else spec.badSize = token.value;
      return true;
    case 'sugar':
    case 'pct':
      if (menuInScope().sugarLevel(token.value)) {
        spec.sugar = token.value;
        delete spec.badSugar;
      } else spec.badSugar = token.value;
      return true;
    case 'ice':
      setIce(spec, token.value, ctx);
      return true;
    case 'num':
      if (token.range) {
        spec.quantityRange = token.range;
        delete spec.quantity;
      } else setQuantity(spec, token.value);
      return true;
    case 'bad_num':
      setQuantity(spec, token.value);
      return true;
    case 'topping':
      if (ctx.negate) {
        if (!spec.removeToppings.includes(token.id)) spec.removeToppings.push(token.id);
        spec.addToppings = spec.addToppings.filter((id) => id !== token.id);
      } else if (!spec.addToppings.includes(token.id)) {
        spec.addToppings.push(token.id);
        spec.removeToppings = spec.removeToppings.filter((id) => id !== token.id);
      }
      ctx.negate = false;
      return true;
    case 'no_toppings':
      spec.noToppings = true;
      spec.addToppings = [];
      return true;
    default:
      return false;
  }
}

export function mergeInto(target: DrinkSpec, source: DrinkSpec) {
  if (source.size) target.size = source.size;
  if (source.sugar !== undefined) target.sugar = source.sugar;
  if (source.ice) target.ice = source.ice;
  if (source.quantity !== undefined) target.quantity = source.quantity;
  if (source.badQuantity !== undefined) target.badQuantity = source.badQuantity;
  if (source.quantityRange) target.quantityRange = source.quantityRange;
  if (source.badSize) target.badSize = source.badSize;
  if (source.badSugar !== undefined) target.badSugar = source.badSugar;
  if (source.iceConflict) target.iceConflict = source.iceConflict;
  if (source.noToppings) target.noToppings = true;
  for (const id of source.addToppings) if (!target.addToppings.includes(id)) target.addToppings.push(id);
  for (const id of source.removeToppings) if (!target.removeToppings.includes(id)) target.removeToppings.push(id);
}

export const cloneSpec = (spec: DrinkSpec): DrinkSpec => ({
  ...spec,
  addToppings: [...spec.addToppings],
  removeToppings: [...spec.removeToppings],
  ...(spec.iceConflict ? { iceConflict: [...spec.iceConflict] } : {}),
});

/** True when applying `token` would overwrite a different value already set on `spec`. */
export function conflicts(spec: DrinkSpec, token: Token): boolean {
  if (token.type === 'size') return spec.size !== undefined && spec.size !== token.value;
  if (token.type === 'sugar') return spec.sugar !== undefined && spec.sugar !== token.value;
  if (token.type === 'pct') return spec.sugar !== undefined && spec.sugar !== token.value;
  if (token.type === 'ice') return spec.ice !== undefined && spec.ice !== token.value;
  return false;
}

/** True when `spec` has no value yet for the field `token` sets (size, sugar, ice). */
export function lacks(spec: DrinkSpec, token: Token): boolean {
  if (token.type === 'size') return spec.size === undefined && spec.badSize === undefined;
  if (token.type === 'sugar' || token.type === 'pct') return spec.sugar === undefined && spec.badSugar === undefined;
  if (token.type === 'ice') return spec.ice === undefined && spec.iceConflict === undefined;
  return false;
}
