import type { Catalog } from '../menu/catalog.ts';
import { unitPriceOf } from '../menu/pricing.ts';
import type { ReadBack } from '../sessions/session-types.ts';
import { withMenu } from './menu-scope.ts';
import { PHRASES, listLines } from './replies/rule-replies.ts';
import { speakYuan } from './rules/rule-turn.ts';
import { formatYuan } from './tools/tool-views.ts';
import type { TurnState } from './turn-state.ts';

// The total a customer hears at the read-back is the server's. A model that read the order
// back with another amount (or none) is corrected: its reply is replaced by the server's
// read-back when it named a wrong amount, and the read-back follows it when it named none.

const AMOUNT = /[¥￥]\s*(\d+(?:\.\d{1,2})?)|(\d+(?:\.\d{1,2})?)\s*(?:元|块|yuan|rmb|kuai)/gi;

/** Every money amount a reply states, in fen. */
export function amountsIn(reply: string): number[] {
  return [...reply.matchAll(AMOUNT)].map((match) => Math.round(Number(match[1] ?? match[2]) * 100));
}

/** The server's read-back of the cart, in the customer's language. */
export function serverReadBack(state: TurnState, catalog: Catalog, lang: 'zh' | 'en'): string {
  return withMenu(catalog, () => {
    const total = speakYuan(formatYuan(state.readBack?.total ?? 0));
    const lines = listLines(state.cart, lang);
    return lang === 'zh'
      ? `您点了：${lines}。合计${total}。${PHRASES.confirmQuestion.zh}`
      : `You have: ${lines}. Total ${total}. ${PHRASES.confirmQuestion.en}`;
  });
}

export type HeardTotalFix = { kind: 'replace' | 'append'; sentence: string };

/** How the reply must change so the customer hears the server's total, or null when it already does. */
export function heardTotalFix({
  state,
  before,
  reply,
  catalog,
  lang,
}: {
  state: TurnState;
  before: ReadBack | null;
  reply: string;
  catalog: Catalog;
  lang: 'zh' | 'en';
}): HeardTotalFix | null {
  const readBack = state.readBack;
  // Only a turn that read the order back (a new read-back) is checked.
  if (state.state !== 'confirming' || !readBack || readBack.fingerprint === before?.fingerprint) return null;
  const allowed = new Set([readBack.total, ...state.cart.flatMap((line) => [unitPriceOf(line, catalog), unitPriceOf(line, catalog) * (line.quantity ?? 1)])]);
  const stated = amountsIn(reply);
  const sentence = serverReadBack(state, catalog, lang);
  if (stated.some((amount) => !allowed.has(amount))) return { kind: 'replace', sentence };
  if (!stated.includes(readBack.total)) return { kind: 'append', sentence };
  return null;
}
