import { missingDraftFields } from '../../sessions/session-types.ts';
import type { TurnState } from '../turn-state.ts';
import { menuInScope } from '../menu-scope.ts';
import { newSpec } from './drink-spec.ts';
import type { DrinkSpec } from './intents.ts';
import { AMOUNT_WORDS } from './option-words.ts';

// "half" / "正常就行" / "less" said to "what sugar and ice?": a how-much word alone answers the
// question asked, when only one of the open options has that amount ("half" is a sugar level, not
// an ice level); "normal" / "都正常" answers every open one; "less" with both open is asked about.

const ZH_AMOUNTS: { sugar?: number; ice?: string; zh: string[] }[] = [
  { sugar: 100, ice: 'regular', zh: ['正常', '标准', '常规', '默认', '都正常', '正常的', '一切正常'] },
  { sugar: 70, ice: 'light', zh: ['少', '少一点', '少点', '少些'] },
  { sugar: 50, zh: ['半', '一半'] },
  { sugar: 30, ice: 'light', zh: ['微', '一点点', '一点'] },
  { sugar: 0, ice: 'none', zh: ['无', '零'] }, // not 不要: "不要了" drops the drink
  { ice: 'extra', zh: ['多', '多一点', '多点'] },
];
/** A bare "no" is a no, not "no ice"; "small" is a size. */
const NOT_ALONE = new Set(['no', 'not', 'nothing', 'small', 'bit', 'some']);
const TRAILING = /(就行|就好|就可以|吧|的|了|都行|please|is fine|is good|for both|for both of them|both|thanks)$/;

export type BareAmount = { answer: DrinkSpec } | { either: { sugar: number; ice: string } };

/** The open options this word answers, both when it could be either, or null when it is not a bare how-much word. */
export function bareAmountAnswer(text: string, state: TurnState): BareAmount | null {
  const draft = state.draft;
  if (!draft?.itemId) return null;
  const said = text
    .trim()
    .toLowerCase()
    .replace(/[,.!?，。！？\s]+$/u, '')
    .replace(TRAILING, '')
    .trim();
  if (NOT_ALONE.has(said)) return null;
  const amount = AMOUNT_WORDS.find((entry) => entry.en.includes(said)) ?? ZH_AMOUNTS.find((entry) => entry.zh.includes(said));
  if (!amount) return null;
  const missing = missingDraftFields(draft);
  const menu = menuInScope();
  const fits = {
    sugar: missing.includes('sugar') && amount.sugar !== undefined && menu.sugarLevel(amount.sugar) !== undefined,
    ice: missing.includes('ice') && amount.ice !== undefined && menu.iceLevel(amount.ice) !== undefined,
  };
  const normal = amount.sugar === 100 && amount.ice === 'regular';
  if (fits.sugar && fits.ice && !normal) return { either: { sugar: amount.sugar!, ice: amount.ice! } }; // "less": asked which
  if (!fits.sugar && !fits.ice) return null;
  const answer = newSpec();
  if (fits.sugar) answer.sugar = amount.sugar!;
  if (fits.ice) answer.ice = amount.ice!;
  return { answer };
}
