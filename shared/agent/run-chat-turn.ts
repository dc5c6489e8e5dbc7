import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { Logger } from '../http/logger.ts';
import { availabilityFromMenu, type MenuResponse } from '../menu/menu-response.ts';
import { OrderClientError, type OrderClient } from '../order-client/order-client.ts';
import type { OrderLookup } from '../orders/order-types.ts';
import type { Session } from '../sessions/session-types.ts';
import { trackDeltas } from './chain/delta-tracker.ts';
import type { MakeTools } from './chain/agent-link.ts';
import type { createAgentChain } from './chain/agent-chain.ts';
import { orderPlacedSentence, toChatResponse, type ChatResponse } from './chat-response.ts';
import { detectLang } from './detect-lang.ts';
import { createToolRunner } from './tools/tool-runner.ts';
import { turnStateFromSession } from './turn-state.ts';

export type ChatTurnDeps = {
  orders: OrderClient;
  chain: ReturnType<typeof createAgentChain>;
  log: Logger;
  /** The menu changes only when staff toggle sold-out items; a short cache saves a call per turn. */
  menuCacheMs?: number;
};

export type ChatTurnRequest = { sessionId?: string; message: string; lang?: 'zh' | 'en' };
export type ChatTurnEvents = { signal: AbortSignal; onDelta?: (text: string) => void; onReset?: () => void };

/**
 * One customer turn: read the session, let the provider chain work on a copy of its state,
 * then commit the new state with the version it read. A concurrent turn on the same session
 * (two tabs) makes the commit fail with 409; the turn is then run once more on the fresh state.
 */
export function createChatTurnRunner({ orders, chain, log, menuCacheMs = 2000 }: ChatTurnDeps) {
  let menuCache: { menu: MenuResponse; at: number } | undefined;
  const getMenu = async (signal: AbortSignal) => {
    if (menuCache && Date.now() - menuCache.at < menuCacheMs) return menuCache.menu;
    const menu = await orders.getMenu({ signal });
    menuCache = { menu, at: Date.now() };
    return menu;
  };

  async function loadSession(sessionId: string | undefined, signal: AbortSignal): Promise<Session> {
    if (!sessionId) return orders.createSession({ signal });
    const session = await orders.getSession(sessionId, { signal });
    if (!session) throw new AppError(404, 'session_not_found', 'no such chat session; start a new one without sessionId');
    return session;
  }

  return async function runChatTurn(request: ChatTurnRequest, events: ChatTurnEvents): Promise<ChatResponse> {
    const { signal } = events;
    let session = await loadSession(request.sessionId, signal);
    const lang = detectLang(request.message, request.lang, session.lang);
    const menu = await getMenu(signal);
    const turnId = randomUUID();
    const deltas = trackDeltas(events.onDelta);
    const { onDelta } = deltas;

    for (let attempt = 1; ; attempt += 1) {
      const current = session;
      const makeTools: MakeTools = () => {
        const state = { ...turnStateFromSession(current), lang };
        const runner = createToolRunner({
          state,
          availability: availabilityFromMenu(menu),
          lookupOrder: (ref) => orders.lookupOrder(ref, { signal }),
        });
        // Per attempt, like the state: a failed link's lookup is not reported.
        let lookup: OrderLookup | null = null;
        return {
          state,
          runTool: async (name, args) => {
            const result = await runner.run(name, args);
            if (result.ok && isLookup(result.data)) lookup = result.data;
            return result;
          },
          lookup: () => lookup,
        };
      };

      const result = await chain.respond(
        { text: request.message, lang, history: current.history, menu, signal, ...(onDelta ? { onDelta } : {}), ...(events.onReset ? { onReset: events.onReset } : {}) },
        makeTools,
      );
      const state = result.tools.state;
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
            append: [{ role: 'user', content: request.message, at: new Date().toISOString() }, ...result.history],
          },
          { idempotencyKey: `${turnId}-${attempt}`, signal },
        );
        const reply = committed.order ? `${result.reply} ${orderPlacedSentence(committed.order, lang)}`.trim() : result.reply;
        if (committed.order && onDelta) onDelta(` ${orderPlacedSentence(committed.order, lang)}`);
        return toChatResponse(committed.session, { reply, lang, provider: result.provider, order: committed.order, lookup: result.tools.lookup?.() ?? null });
      } catch (error) {
        const stale = error instanceof OrderClientError && error.code === 'version_conflict';
        if (!stale || attempt > 1) throw error;
        log.info('session changed during the turn; running it again', { sessionId: current.id });
        if (deltas.sent()) events.onReset?.();
        deltas.forget();
        const fresh = await orders.getSession(current.id, { signal });
        if (!fresh) throw new AppError(404, 'session_not_found', 'the chat session is gone');
        session = fresh;
      }
    }
  };
}

function isLookup(data: unknown): data is OrderLookup {
  // By pickup number a lookup carries no orderId (the order service never turns one into the other).
  return Boolean(data) && typeof data === 'object' && typeof (data as { found?: unknown }).found === 'boolean';
}
