import type { Lang } from '../lang.ts';
import type { Catalog } from '../menu/catalog.ts';
import { serverRunningTotal } from './heard-amount.ts';
import { serverReadBack, type HeardTotalFix } from './heard-total.ts';
import type { TurnState } from './turn-state.ts';

// A confirm_order the server refused (no read-back before, not a clear yes, a cart changed since)
// is never heard as an order placed: the model's words are replaced by the server's.

const NOT_PLACED = { zh: '订单还没有下。', en: 'Your order is not placed yet.' };

/** "Not placed yet", then the server's read-back asking again (the order waits for a yes) or its running total. */
export function notPlacedFix(state: TurnState, catalog: Catalog, lang: Lang): HeardTotalFix {
  const waiting = state.state === 'confirming' && state.readBack;
  const more = waiting ? serverReadBack(state, catalog, lang) : state.cart.length ? serverRunningTotal(state, catalog, lang) : '';
  return { kind: 'replace', sentence: [NOT_PLACED[lang], more].filter(Boolean).join(lang === 'zh' ? '' : ' '), reason: 'not_placed' };
}
