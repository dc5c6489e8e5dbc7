import * as v from 'valibot';
import type { Catalog } from '../menu/catalog.ts';
import { unitPriceOf } from '../menu/pricing.ts';
import type { ReadBack } from '../sessions/session-types.ts';
import { withMenu } from './menu-scope.ts';
import { PHRASES, listLines } from './replies/rule-replies.ts';
import { speakYuan } from './rules/rule-turn.ts';
import { formatYuan } from '../money.ts';
import type { TurnState } from './turn-state.ts';
import type { Lang } from '../lang.ts';

// The amounts a customer hears are the server's: the total at a read-back, and the price after
// a quote_price. A reply naming another amount is replaced by the server's sentence; a reply
// naming none is followed by it.

const AMOUNT = /[¥￥]\s*(\d+(?:\.\d{1,2})?)|(\d+(?:\.\d{1,2})?)\s*(?:元|块|yuan|rmb|kuai)/gi;

/** Every money amount a reply states, in fen. */
export function amountsIn(reply: string): number[] {
  return [...reply.matchAll(AMOUNT)].map((match) => Math.round(Number(match[1] ?? match[2]) * 100));
}

/** The server's read-back of the cart, in the customer's language. */
export function serverReadBack(state: TurnState, catalog: Catalog, lang: Lang): string {
  return withMenu(catalog, () => {
    const total = speakYuan(formatYuan(state.readBack?.total ?? 0));
    const lines = listLines(state.cart, lang);
    return lang === 'zh'
      ? `您点了：${lines}。合计${total}。${PHRASES.confirmQuestion.zh}`
      : `You have: ${lines}. Total ${total}. ${PHRASES.confirmQuestion.en}`;
  });
}

export type HeardTotalFix = { kind: 'replace' | 'append'; sentence: string; reason: 'read_back' | 'quote' | 'amount' | 'not_placed' };

/** What quote_price answered in this turn (the fields of its result data the customer hears). */
export const QuoteHeardSchema = v.object({
  name: v.string(),
  quantity: v.number(),
  prices: v.array(v.object({ sizeName: v.string(), unitPrice: v.string(), total: v.string() })),
});
export type QuoteHeard = v.InferOutput<typeof QuoteHeardSchema>;

const fenOf = (yuan: string) => Math.round(Number(yuan.replace(/[^\d.]/g, '')) * 100);

/** The server's quote in the customer's language: each size's price, and the total for more than one cup. */
export function serverQuote(quotes: readonly QuoteHeard[], lang: Lang): string {
  const parts = quotes.map((quote) => {
    const prices = quote.prices.map((price) => {
      const unit = speakYuan(price.unitPrice);
      const total =
        quote.quantity > 1 ? (lang === 'zh' ? `，${quote.quantity}杯共${speakYuan(price.total)}` : `, ${quote.quantity} for ${speakYuan(price.total)}`) : '';
      return `${price.sizeName} ${unit}${total}`;
    });
    return lang === 'zh' ? `${quote.name}：${prices.join('；')}。` : `${quote.name}: ${prices.join('; ')}.`;
  });
  return parts.join(' ');
}

/** The quote correction: null when the reply names only quoted (or cart) amounts and at least one. */
export function heardQuoteFix({
  quotes,
  reply,
  state,
  catalog,
  lang,
}: {
  quotes: readonly QuoteHeard[];
  reply: string;
  state: TurnState;
  catalog: Catalog;
  lang: Lang;
}): HeardTotalFix | null {
  if (quotes.length === 0) return null;
  const quoted = quotedAmounts(quotes);
  const allowed = new Set([...quoted, ...cartAmounts(state, catalog)]);
  const stated = amountsIn(reply);
  const sentence = serverQuote(quotes, lang);
  if (stated.some((amount) => !allowed.has(amount))) return { kind: 'replace', sentence, reason: 'quote' };
  if (!stated.some((amount) => quoted.includes(amount))) return { kind: 'append', sentence, reason: 'quote' };
  return null;
}

/** The cart as the server prices it: each line's unit and line price (a line the menu no longer prices has none), and the total. */
export function cartPrices(state: TurnState, catalog: Catalog): { total: number; lines: { unit: number; total: number }[] } {
  const lines = state.cart.flatMap((line) => {
    const unit = priceOrNull(line, catalog);
    return unit === null ? [] : [{ unit, total: unit * (line.quantity ?? 1) }];
  });
  return { total: lines.reduce((sum, line) => sum + line.total, 0), lines };
}

/** The amounts of the cart a reply may name: the read-back's total, the cart's total, each line's unit and line price. */
export function cartAmounts(state: TurnState, catalog: Catalog): number[] {
  const { total, lines } = cartPrices(state, catalog);
  return [...(state.readBack ? [state.readBack.total] : []), ...(lines.length ? [total] : []), ...lines.flatMap((line) => [line.unit, line.total])];
}

function priceOrNull(line: TurnState['cart'][number], catalog: Catalog): number | null {
  try {
    return unitPriceOf(line, catalog);
  } catch {
    return null; // its drink or size left the menu: the sold-out note names it
  }
}

/** Every amount quote_price answered: unit prices and totals. */
export function quotedAmounts(quotes: readonly QuoteHeard[]): number[] {
  return quotes.flatMap((quote) => quote.prices.flatMap((price) => [fenOf(price.unitPrice), fenOf(price.total)]));
}

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
  lang: Lang;
}): HeardTotalFix | null {
  const readBack = state.readBack;
  // Only a turn that read the order back (a new read-back) is checked.
  if (state.state !== 'confirming' || !readBack || readBack.fingerprint === before?.fingerprint) return null;
  const allowed = new Set(cartAmounts(state, catalog));
  const stated = amountsIn(reply);
  const sentence = serverReadBack(state, catalog, lang);
  if (stated.some((amount) => !allowed.has(amount))) return { kind: 'replace', sentence, reason: 'read_back' };
  if (!stated.includes(readBack.total)) return { kind: 'append', sentence, reason: 'read_back' };
  return null;
}
