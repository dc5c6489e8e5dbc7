import { createCatalog } from '../menu/catalog.ts';
import { defaultMenuDefinition } from '../menu/load-menu-file.ts';
import type { MenuDefinition } from '../menu/menu-types.ts';
import { priceLines } from '../menu/pricing.ts';
import type { OrderLookup } from '../orders/order-types.ts';
import { createToolRunner } from '../agent/tools/tool-runner.ts';
import type { CartLine, TurnState } from '../agent/turn-state.ts';
import { respondWithRules } from '../agent/rules/respond-with-rules.ts';
import { missingDraftFields } from '../sessions/session-types.ts';
import type { CaseOutcome } from './case-judge.ts';

// Runs a conversation through the real tool runner and rule policy, with a small in-memory
// stand-in for the order service's commit (placeOrder → an order, cart emptied) and lookup.

export type CaseLine = string; // "itemId/size/sugar/ice/[topping,topping]/quantity"
export type StartState = {
  cart?: CaseLine[];
  state?: TurnState['state'];
  soldOut?: string[];
  lastOrderId?: string;
  draft?: TurnState['draft'];
};
export type PlacedOrder = { id: string; pickupCode: string; total: number; lines: CaseLine[] };
export type Conversation = { state: TurnState; replies: string[]; langs: ('zh' | 'en')[]; orders: PlacedOrder[] };

/** Orders the fake service knows before the conversation starts. */
export const KNOWN_ORDERS: OrderLookup[] = [
  { orderId: 'ord-0012', found: true, pickupCode: '12', status: 'ready', position: 0, etaSeconds: 0 },
  { orderId: 'ord-0007', found: true, pickupCode: '7', status: 'preparing', position: 2, etaSeconds: 240 },
  { orderId: 'ord-0031', found: true, pickupCode: '31', status: 'placed', position: 4, etaSeconds: 420 },
];

export function parseCaseLine(text: CaseLine, index = 0): CartLine {
  const [itemId, size, sugar, ice, toppings, quantity] = text.split('/');
  return {
    lineId: `start-${index}`,
    itemId: itemId!,
    size: size as CartLine['size'],
    sugar: Number(sugar) as CartLine['sugar'],
    ice: ice as CartLine['ice'],
    toppings: toppings!
      .replace(/^\[|\]$/g, '')
      .split(',')
      .filter(Boolean),
    quantity: Number(quantity),
  };
}

export function formatCaseLine(line: CartLine): CaseLine {
  return `${line.itemId}/${line.size}/${line.sugar}/${line.ice}/[${(line.toppings ?? []).join(',')}]/${line.quantity ?? 1}`;
}

/** A draft as the tables write it: the drink, and what is still missing besides the drink. */
export function caseDraftOf(draft: TurnState['draft']): CaseOutcome['draft'] {
  if (!draft) return null;
  return { ...(draft.itemId ? { itemId: draft.itemId } : {}), missing: missingDraftFields(draft).filter((field) => field !== 'itemId' || !draft.itemId) };
}

/** What the case tables judge (case-judge.ts). */
export function outcomeOfConversation(conversation: Conversation): CaseOutcome {
  return {
    cart: conversation.state.cart.map(formatCaseLine),
    draft: caseDraftOf(conversation.state.draft),
    state: conversation.state.state,
    orders: conversation.orders.map(({ total, lines }) => ({ total, lines })),
    replies: conversation.replies,
    langs: conversation.langs,
  };
}

const DEFAULT_MENU = defaultMenuDefinition();

/** A conversation on `menu` (default: the embedded default menu), the drinks in `start.soldOut` sold out. */
export async function runConversation(
  utterances: string[],
  start: StartState = {},
  lang?: 'zh' | 'en',
  menu: MenuDefinition = DEFAULT_MENU,
): Promise<Conversation> {
  const soldOut = new Set(start.soldOut ?? []);
  const catalog = createCatalog(menu, { isSoldOut: (id) => soldOut.has(id) });
  const lookups = new Map<string, OrderLookup>();
  for (const order of KNOWN_ORDERS) {
    lookups.set(`code:${order.pickupCode}`, order);
    lookups.set(`id:${order.orderId}`, order);
  }
  const lookupOrder = async (ref: { orderId?: string; pickupCode?: string }): Promise<OrderLookup> => {
    const key = ref.orderId ? `id:${ref.orderId}` : `code:${ref.pickupCode}`;
    return lookups.get(key) ?? { orderId: ref.orderId ?? ref.pickupCode ?? '', found: false };
  };
  const cart = (start.cart ?? []).map(parseCaseLine);
  let session: TurnState = {
    state: start.state ?? (cart.length || start.draft ? 'collecting' : 'empty'),
    lang: lang ?? 'zh',
    cart,
    draft: start.draft ?? null,
    pending: null,
    lastOrderId: start.lastOrderId ?? null,
    placeOrder: false,
    readBack: null,
  };
  const conversation: Conversation = { state: session, replies: [], langs: [], orders: [] };
  let counter = 0;
  for (const text of utterances) {
    const state: TurnState = structuredClone({ ...session, placeOrder: false });
    const runner = createToolRunner({ state, catalog, lookupOrder, newLineId: () => `line-${(counter += 1)}` });
    // The engine answers "not understood" on a bug; a case must never get there.
    const onInternalError = (error: unknown) => {
      throw new Error(`the rule engine hit an internal error on "${text}"`, { cause: error });
    };
    const { reply, lang: replyLang } = await respondWithRules({ text, catalog, ...(lang ? { lang } : {}) }, { state, run: runner.run, onInternalError });
    state.lang = replyLang;
    conversation.replies.push(reply);
    conversation.langs.push(replyLang);
    if (state.placeOrder) {
      // What the order service does with a commit that has placeOrder: true.
      const pickupCode = String(100 + conversation.orders.length);
      const order = { id: `ord-new-${pickupCode}`, pickupCode, total: priceLines(state.cart, catalog).total, lines: state.cart.map(formatCaseLine) };
      conversation.orders.push(order);
      const lookup: OrderLookup = { orderId: order.id, found: true, pickupCode, status: 'placed', position: 1, etaSeconds: 120 };
      lookups.set(`code:${pickupCode}`, lookup);
      lookups.set(`id:${order.id}`, lookup);
      Object.assign(state, { state: 'placed', cart: [], draft: null, lastOrderId: order.id, placeOrder: false });
    }
    session = state;
  }
  conversation.state = session;
  return conversation;
}
