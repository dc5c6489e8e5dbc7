import type { Lang } from '../lang.ts';
import type { Catalog } from '../menu/catalog.ts';
import type { MenuDefinition } from '../menu/menu-types.ts';
import { amountsIn, cartAmounts, cartPrices, quotedAmounts, type HeardTotalFix, type QuoteHeard } from './heard-total.ts';
import { withMenu } from './menu-scope.ts';
import { listLines } from './replies/rule-replies.ts';
import { speakYuan } from './rules/rule-turn.ts';
import { formatYuan } from '../money.ts';
import type { TurnState } from './turn-state.ts';

// Outside a read-back and a quote, a model's reply may still name an amount ("added, ¥5 so
// far"). The customer hears only amounts the server stands behind: the cart's, what quote_price
// answered this turn, and the menu's own prices (which the model's prompt lists). A sentence
// naming any other amount is dropped, and the server's running total (or, with an empty cart,
// a pointer to the menu's prices) takes its place.

/** Every price the menu states on its own: each drink's size prices and each topping's price. */
export function menuPrices(menu: MenuDefinition): Set<number> {
  return new Set([...menu.items.flatMap((item) => Object.values(item.prices)), ...menu.toppings.map((topping) => topping.price)]);
}

/** Sentences with their end marks; a "." inside an amount (¥5.50) ends none. */
const SENTENCE = /(?:[^。！？!?.]|\.(?=\d))+(?:[。！？!?]+|\.+|$)\s*/g;

const NO_CART = {
  zh: '价格以菜单为准，您想问哪款饮品的价格？',
  en: 'Prices are as on the menu; which drink would you like a price for?',
};

/** The server's running total of the cart, in the customer's language. */
export function serverRunningTotal(state: TurnState, catalog: Catalog, lang: Lang): string {
  if (state.cart.length === 0) return NO_CART[lang];
  const { total } = cartPrices(state, catalog);
  return withMenu(catalog, () => {
    const lines = listLines(state.cart, lang);
    const spoken = speakYuan(formatYuan(total));
    return lang === 'zh' ? `您的订单：${lines}。目前合计${spoken}。` : `Your order so far: ${lines}. Total so far ${spoken}.`;
  });
}

/** The correction for a reply naming an amount the server did not compute, or null when it names none. */
export function heardAmountFix({
  state,
  quotes,
  reply,
  catalog,
  lang,
  also = [],
}: {
  state: TurnState;
  quotes: readonly QuoteHeard[];
  reply: string;
  catalog: Catalog;
  lang: Lang;
  /** Other amounts the server stands behind (the last order's). */
  also?: readonly number[];
}): HeardTotalFix | null {
  const allowed = new Set([...cartAmounts(state, catalog), ...quotedAmounts(quotes), ...menuPrices(catalog.definition), ...also]);
  const stands = (text: string) => amountsIn(text).every((amount) => allowed.has(amount));
  if (stands(reply)) return null;
  const kept = (reply.match(SENTENCE) ?? []).filter(stands).join('').trim();
  return { kind: 'replace', sentence: [kept, serverRunningTotal(state, catalog, lang)].filter(Boolean).join(' '), reason: 'amount' };
}
