import { readChatConfig } from '../../functions/chat/config.ts';
import { createChatApp } from '../../functions/chat/app.ts';
import { createChatHealthCheck } from '../../functions/chat/health-check.ts';
import { buildAgentChain } from '../../functions/chat/providers.ts';
import type { createAgentChain } from '../agent/chain/agent-chain.ts';
import { createChatTurnRunner } from '../agent/run-chat-turn.ts';
import type { Env } from '../config/env.ts';
import { silentLogger, type Logger } from '../http/logger.ts';
import type { MenuDefinition } from '../menu/menu-types.ts';
import { createInProcessOrderClient } from '../order-client/in-process-order-client.ts';
import type { OrderClient } from '../order-client/order-client.ts';
import { openTestOrderService } from './order-fixture.ts';

export type TestChatOptions = {
  menuCacheMs?: number;
  /** Where the turn runner (and a chain built here) logs; silent by default. */
  log?: Logger;
  /** A provider chain to share between apps (its breakers with it); by default one is built from `env`. */
  chain?: ReturnType<typeof createAgentChain>;
  /** The menu the fresh order service starts with (default: the embedded one). */
  seedMenu?: MenuDefinition;
  /** Wraps the order client the chat app uses (e.g. to answer lookups from a fixed table). */
  wrapOrders?: (client: OrderClient) => OrderClient;
};

/** The chat app over a fresh in-memory order service, with providers configured from `env`. */
export function createTestChatApp(env: Env = {}, { menuCacheMs, log = silentLogger, chain: sharedChain, seedMenu, wrapOrders }: TestChatOptions = {}) {
  const { service, opened } = openTestOrderService(seedMenu ? { seedMenu } : {});
  const inProcess = createInProcessOrderClient(service);
  const orders = wrapOrders ? wrapOrders(inProcess) : inProcess;
  const config = readChatConfig({ CHAT_RATE_LIMIT_PER_MINUTE: '10000', ...env });
  const chain = sharedChain ?? buildAgentChain(config, log);
  const runTurn = createChatTurnRunner({ orders, chain, log, ...(menuCacheMs !== undefined ? { menuCacheMs } : {}) });
  const app = createChatApp({
    orders,
    runTurn,
    log,
    ratePerMinute: config.CHAT_RATE_LIMIT_PER_MINUTE,
    socketIdleMs: config.CHAT_WS_IDLE_MS,
    check: createChatHealthCheck(orders, chain),
  });
  const chat = async (message: string, sessionId?: string, extra: Record<string, unknown> = {}) => {
    const response = await app.request('/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message, ...(sessionId ? { sessionId } : {}), ...extra }),
    });
    return { status: response.status, body: (await response.json()) as any, headers: response.headers };
  };
  return { app, chat, service, orders, opened, runTurn, chain };
}
