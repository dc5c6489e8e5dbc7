import { performance } from 'node:perf_hooks';
import type { createAgentChain } from '../../shared/agent/chain/agent-chain.ts';
import type { ChatResponse } from '../../shared/agent/chat-response.ts';
import type { MenuDefinition } from '../../shared/menu/menu-types.ts';
import { isRuleCase, type CaseOutcome, type ScoredCase } from '../../shared/testing/case-judge.ts';
import { createTestChatApp } from '../../shared/testing/chat-fixture.ts';
import { caseDraftOf, formatCaseLine, parseCaseLine } from '../../shared/testing/rule-case-driver.ts';
import { captureLog, type LogEvent } from './capture-log.ts';
import { withKnownOrders } from './known-orders.ts';

/** One customer message and what the chat turn answered. */
export type TurnRecord = {
  message: string;
  /** HTTP status of POST /chat. */
  status: number;
  reply: string;
  provider: ChatResponse['provider'] | 'error';
  ms: number;
  response: ChatResponse | null;
  /** The turn runner's log lines during this turn (refused confirms, replaced amounts). */
  events: LogEvent[];
};

export type ConversationRun = { turns: TurnRecord[]; outcome: CaseOutcome };

/**
 * Runs one conversation through the real chat turn: the chat app's POST /chat, the shared
 * provider chain, the tool runner and a fresh order service on the case's menu, started in
 * the case's state (cart, draft, sold-out drinks, last order).
 */
export async function runConversation(c: ScoredCase, menu: MenuDefinition, chain: ReturnType<typeof createAgentChain>): Promise<ConversationRun> {
  const { log, events } = captureLog();
  const chat = createTestChatApp({}, { chain, log, seedMenu: menu, wrapOrders: withKnownOrders });
  try {
    const sessionId = await startSession(chat, c);
    const lang = isRuleCase(c) ? c.lang : undefined;
    const turns: TurnRecord[] = [];
    for (const message of c.say) {
      const seen = events.length;
      const started = performance.now();
      const response = await chat.app.request('/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message, sessionId, ...(lang ? { lang } : {}) }),
      });
      const body = (await response.json()) as ChatResponse;
      const ms = performance.now() - started;
      const ok = response.status === 200;
      turns.push({
        message,
        status: response.status,
        reply: ok ? body.reply : '',
        provider: ok ? body.provider : 'error',
        ms,
        response: ok ? body : null,
        events: events.slice(seen),
      });
    }
    return { turns, outcome: outcomeOf(turns, await chat.orders.getSession(sessionId)) };
  } finally {
    chat.service.close();
    chat.opened.sqlite.close();
  }
}

async function startSession(chat: ReturnType<typeof createTestChatApp>, c: ScoredCase): Promise<string> {
  const start = isRuleCase(c) ? (c.start ?? {}) : {};
  for (const itemId of start.soldOut ?? []) chat.service.setAvailability(itemId, false);
  const session = await chat.orders.createSession();
  const cart = (start.cart ?? []).map(parseCaseLine);
  if (cart.length || start.draft || start.state) {
    await chat.orders.commitSession(session.id, {
      expectedVersion: session.version,
      state: start.state ?? (cart.length || start.draft ? 'collecting' : 'empty'),
      cart,
      draft: start.draft ?? null,
    });
  }
  // No route sets a session's last order (only placing one does): the case says what it was.
  if (start.lastOrderId) chat.opened.sqlite.prepare('UPDATE sessions SET last_order_id = ? WHERE id = ?').run(start.lastOrderId, session.id);
  return session.id;
}

function outcomeOf(turns: TurnRecord[], session: Awaited<ReturnType<ReturnType<typeof createTestChatApp>['orders']['getSession']>>): CaseOutcome {
  return {
    cart: (session?.cart.lines ?? []).map(formatCaseLine),
    draft: caseDraftOf(session?.draft ?? null),
    state: session?.state ?? 'empty',
    orders: turns.flatMap((turn) => (turn.response?.order ? [{ total: turn.response.order.total, lines: turn.response.order.lines.map(formatCaseLine) }] : [])),
    replies: turns.map((turn) => turn.reply),
    langs: turns.map((turn) => turn.response?.lang ?? 'zh'),
  };
}
