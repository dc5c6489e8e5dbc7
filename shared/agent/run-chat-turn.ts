import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { ORDER_ERRORS } from '../orders/order-errors.ts';
import { CHAT_ERRORS } from './chat-errors.ts';
import type { Logger } from '../http/logger.ts';
import { catalogFromMenu, type MenuResponse } from '../menu/menu-response.ts';
import type { LocalizedName } from '../menu/menu-types.ts';
import { findLineProblem } from '../menu/pricing.ts';
import { OrderClientError, type OrderClient } from '../order-client/order-client.ts';
import type { OrderLookup } from '../orders/order-types.ts';
import type { HistoryMessage, Session } from '../sessions/session-types.ts';
import { trackDeltas } from './chain/delta-tracker.ts';
import type { MakeTools, ProviderName } from './chain/agent-link.ts';
import type { createAgentChain } from './chain/agent-chain.ts';
import { orderPlacedSentence, toChatResponse, type ChatResponse } from './chat-response.ts';
import { detectLang } from './detect-lang.ts';
import { heardAmountFix } from './heard-amount.ts';
import { heardQuoteFix, heardTotalFix, QuoteHeardSchema, type QuoteHeard } from './heard-total.ts';
import { notPlacedFix } from './not-placed.ts';
import { createToolRunner } from './tools/tool-runner.ts';
import { askAboutSoldOutLines, mentionsAny, soldOutToday, suggestAlternatives, suggestInstead } from './replies/sold-out.ts';
import { turnStateFromSession, type TurnState } from './turn-state.ts';
import { fieldOf } from '../field-of.ts';
import type { Lang } from '../lang.ts';

export type ChatTurnDeps = {
  orders: OrderClient;
  chain: ReturnType<typeof createAgentChain>;
  log: Logger;
  /** The menu changes only when staff toggle sold-out items; a short cache saves a call per turn. */
  menuCacheMs?: number;
};

export type ChatTurnRequest = {
  sessionId?: string;
  message: string;
  lang?: Lang;
  /** How the message came in (the owner's report): typed, or spoken and transcribed. */
  input?: 'text' | 'voice';
  /** Who asked: our pages and API, or the original system's UIs through /legacy. */
  source?: 'chat' | 'legacy';
};
export type ChatTurnEvents = { signal: AbortSignal; onDelta?: (text: string) => void; onReset?: () => void };

/**
 * One customer turn: read the session, let the provider chain work on a copy of its state,
 * then commit the new state with the version it read. A concurrent turn on the same session
 * (two tabs) makes the commit fail with 409; the turn is then run once more on the fresh state.
 */
export function createChatTurnRunner({ orders, chain, log, menuCacheMs = 2000 }: ChatTurnDeps) {
  let menuCache: { menu: MenuResponse; at: number } | undefined;
  const getMenu = async (signal: AbortSignal, fresh = false) => {
    if (!fresh && menuCache && Date.now() - menuCache.at < menuCacheMs) return menuCache.menu;
    const menu = await orders.getMenu({ signal });
    menuCache = { menu, at: Date.now() };
    return menu;
  };

  async function loadSession(sessionId: string | undefined, signal: AbortSignal): Promise<Session> {
    if (!sessionId) return orders.createSession({ signal });
    const session = await orders.getSession(sessionId, { signal });
    if (!session) throw ORDER_ERRORS.raise('session_not_found', 'no such chat session; start a new one without sessionId');
    return session;
  }

  /** heardAmountFix, with the amounts of the session's last order allowed too (fetched only when the reply names an amount the cart does not explain). */
  async function amountFix(input: Parameters<typeof heardAmountFix>[0], signal: AbortSignal) {
    const fix = heardAmountFix(input);
    if (!fix || !input.state.lastOrderId) return fix;
    const last = await orders.getOrder(input.state.lastOrderId, { signal }).catch(() => null);
    if (!last) return fix;
    return heardAmountFix({ ...input, also: [last.total, ...last.lines.flatMap((line) => [line.unitPrice, line.lineTotal])] });
  }

  return async function runChatTurn(request: ChatTurnRequest, events: ChatTurnEvents): Promise<ChatResponse> {
    const { signal } = events;
    let session = await loadSession(request.sessionId, signal);
    const lang = detectLang(request.message, request.lang, session.lang);
    let menu = await getMenu(signal);
    const turnId = randomUUID();
    const deltas = trackDeltas(events.onDelta);
    const { onDelta } = deltas;
    let staleReruns = 0;
    let soldOutReruns = 0;

    for (let attempt = 1; ; attempt += 1) {
      const current = session;
      const turnMenu = menu;
      const catalog = catalogFromMenu(turnMenu);
      // A line the live menu no longer takes as it is (sold out, or its drink, size, option or
      // topping gone) waits for the customer's choice, like a sold-out line.
      const unavailableInCart = current.cart.lines.some((line) => findLineProblem(line, catalog) !== null);
      const makeTools: MakeTools = () => {
        const state = { ...turnStateFromSession(current), lang };
        // The read-back named a drink that is gone: the customer chooses, then confirms anew.
        if (unavailableInCart && state.state === 'confirming') state.state = 'collecting';
        // Per attempt, like the state: a failed link's lookup is not reported.
        let lookup: OrderLookup | null = null;
        const refused = new Set<string>();
        const quotes: QuoteHeard[] = [];
        const runner = createToolRunner({
          state,
          catalog,
          // A model places an order only after a read-back in an earlier turn and a message that is not a no, a wait, a question or a change.
          placement: { startedConfirming: state.state === 'confirming', message: request.message },
          onRefusedPlacement: (code, reason) => log.info('confirm_order refused', { fn: 'chat', sessionId: current.id, code, reason }),
          lookupOrder: (ref) => orders.lookupOrder(ref, { signal }),
          onResult: (name, args, result) => {
            if (result.ok && isLookup(result.data)) lookup = result.data;
            // The generic N does not narrow on `name`; the schema check stands in for it.
            if (result.ok && name === 'quote_price' && v.is(QuoteHeardSchema, result.data)) quotes.push(result.data);
            if (!result.ok && result.error.code === 'item_sold_out' && 'itemId' in args && args.itemId) refused.add(args.itemId);
          },
        });
        let confirmRefused = false;
        return {
          state,
          runTool: async (name, args) => {
            const outcome = await runner.runRaw(name, args);
            if (name === 'confirm_order' && !outcome.ok) confirmRefused = true;
            return outcome;
          },
          confirmRefused: () => confirmRefused,
          run: runner.run,
          lookup: () => lookup,
          soldOutRefused: () => [...refused],
          quotes: () => quotes,
        };
      };

      const result = await chain.respond(
        {
          text: request.message,
          lang,
          history: current.history,
          menu: turnMenu,
          signal,
          ...(onDelta ? { onDelta } : {}),
          ...(events.onReset ? { onReset: events.onReset } : {}),
        },
        makeTools,
      );
      const state = result.tools.state;
      // The total the customer hears at a read-back, a price after quote_price and any other amount
      // are the server's, whatever the model said (the offline agent words its own from the same tools).
      const quotes = result.provider === 'rules' ? [] : (result.tools.quotes?.() ?? []);
      // A confirm_order the server refused is never heard as an order placed, whatever the model then said.
      const notPlaced = result.tools.confirmRefused?.() && !state.placeOrder ? notPlacedFix(state, catalog, lang) : null;
      const fix =
        notPlaced ??
        heardTotalFix({ state, before: current.readBack, reply: result.reply, catalog, lang }) ??
        heardQuoteFix({ quotes, reply: result.reply, state, catalog, lang }) ??
        (result.provider === 'rules' ? null : await amountFix({ state, quotes, reply: result.reply, catalog, lang }, signal));
      if (fix?.kind === 'replace') {
        log.info(
          fix.reason === 'not_placed'
            ? 'a reply after a refused confirm_order was replaced by the server’s'
            : 'a reply with another amount was replaced by the server’s',
          {
            fn: 'chat',
            sessionId: current.id,
            provider: result.provider,
            reason: fix.reason,
          },
        );
        if (deltas.sent()) events.onReset?.();
        deltas.forget();
        onDelta?.(fix.sentence);
        result.reply = fix.sentence;
        result.history = replaceLastReply(result.history, fix.sentence);
      } else if (fix?.kind === 'append') {
        onDelta?.(` ${fix.sentence}`);
        result.reply = `${result.reply} ${fix.sentence}`.trim();
        result.history = replaceLastReply(result.history, result.reply);
      }
      const note = soldOutNote({
        state,
        menu: turnMenu,
        reply: result.reply,
        provider: result.provider,
        refused: result.tools.soldOutRefused?.() ?? [],
        lang,
        ordered: current.cart.lines,
      });
      try {
        const committed = await orders.commitSession(
          current.id,
          {
            expectedVersion: current.version,
            state: state.state,
            lang,
            cart: state.cart,
            draft: state.draft,
            pending: state.pending,
            placeOrder: state.placeOrder,
            readBack: state.readBack,
            // The customer agreed to the total they heard; the order service refuses another one.
            ...(state.placeOrder && state.readBack ? { expectedTotal: state.readBack.total } : {}),
            turn: { provider: result.provider, input: request.input ?? 'text', source: request.source ?? 'chat' },
            append: [{ role: 'user', content: request.message, at: new Date().toISOString() }, ...withNote(result.history, note)],
          },
          { idempotencyKey: `${turnId}-${attempt}`, signal },
        );
        const placed = committed.order ? orderPlacedSentence(committed.order, lang) : '';
        const reply = [result.reply, note, placed].filter(Boolean).join(' ');
        if (onDelta) for (const extra of [note, placed]) if (extra) onDelta(` ${extra}`);
        return toChatResponse(committed.session, { reply, lang, provider: result.provider, order: committed.order, lookup: result.tools.lookup?.() ?? null });
      } catch (error) {
        const code = error instanceof OrderClientError ? error.code : undefined;
        if (code === 'version_conflict' && staleReruns < 1) {
          staleReruns += 1;
          log.info('session changed during the turn; running it again', { sessionId: current.id });
          const fresh = await orders.getSession(current.id, { signal });
          if (!fresh) throw ORDER_ERRORS.raise('session_not_found', 'the chat session is gone');
          session = fresh;
        } else if ((code === 'item_sold_out' || code === 'total_changed') && soldOutReruns < 2) {
          // The menu changed after this turn read it (a drink sold out, a price the customer heard
          // changed): never an error to the customer. The turn runs again on the fresh menu, so the
          // agent says what is sold out, or reads the order back again at the new price.
          soldOutReruns += 1;
          log.info('the menu changed during the turn; running it again on the fresh menu', { sessionId: current.id, code });
          menu = await getMenu(signal, true);
        } else if (code === 'item_sold_out') {
          throw CHAT_ERRORS.raise('menu_changing', 'the menu is changing right now; please try again in a moment');
        } else throw error;
        if (deltas.sent()) events.onReset?.();
        deltas.forget();
      }
    }
  };
}

/**
 * What the server adds when the menu changed under the conversation: a cart line that sold
 * out is named with a choice (remove / replace) on every turn until it is resolved, unless the
 * reply already talks about it; the offline agent's "sold out" also gets suggestions.
 */
function soldOutNote({
  state,
  menu,
  reply,
  provider,
  refused,
  lang,
  ordered,
}: {
  state: TurnState;
  menu: MenuResponse;
  reply: string;
  provider: ProviderName;
  refused: string[];
  lang: Lang;
  /** The session's cart as it was priced, with the names its lines were ordered under. */
  ordered: readonly { lineId: string; name: LocalizedName }[];
}): string {
  const catalog = catalogFromMenu(menu);
  // Named as they were ordered (the session's priced lines keep the names) when the drink left the menu.
  const names = new Map(ordered.map((line) => [line.lineId, line.name]));
  const lines = state.placeOrder
    ? []
    : state.cart.flatMap((line, index) => {
        const problem = findLineProblem(line, catalog);
        if (!problem) return [];
        const name = names.get(line.lineId);
        return [{ index, itemId: line.itemId, gone: problem.code === 'unknown_item', ...(name ? { name } : {}) }];
      });
  const parts: string[] = [];
  if (
    lines.length > 0 &&
    !mentionsAny(
      reply,
      menu,
      lines.map((line) => line.itemId),
      lang,
    )
  )
    parts.push(askAboutSoldOutLines(menu, lines, state.cart.length, lang));
  const others = refused.filter((id) => catalog.isSoldOut(id) && !lines.some((line) => line.itemId === id));
  if (provider === 'rules' && others.length > 0 && lines.length === 0) {
    if (!mentionsAny(reply, menu, others, lang)) parts.push(soldOutToday(menu, others, lang));
    if (!mentionsAny(reply, menu, suggestAlternatives(menu, others), lang)) parts.push(suggestInstead(menu, others, lang));
  }
  return parts.filter(Boolean).join(' ');
}

/** What the customer heard, as the last assistant message the model will see in later turns. */
function replaceLastReply(history: HistoryMessage[], content: string): HistoryMessage[] {
  const last = history.at(-1);
  if (last?.role === 'assistant' && !last.toolCalls?.length) return [...history.slice(0, -1), { ...last, content }];
  return [...history, { role: 'assistant', content }];
}

/** The note is part of what the customer heard, so the model sees it in later turns. */
function withNote(history: HistoryMessage[], note: string): HistoryMessage[] {
  if (!note) return history;
  const last = history.at(-1);
  const spoken = last?.role === 'assistant' && !last.toolCalls?.length ? last.content : '';
  return replaceLastReply(history, `${spoken} ${note}`.trim());
}

function isLookup(data: unknown): data is OrderLookup {
  // By pickup number a lookup carries no orderId (the order service never turns one into the other).
  return typeof fieldOf(data, 'found') === 'boolean';
}
