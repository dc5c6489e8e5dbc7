import { readChatConfig } from '../../functions/chat/config.ts';
import { createChatApp } from '../../functions/chat/app.ts';
import { createChatHealthCheck } from '../../functions/chat/health-check.ts';
import { buildAgentChain } from '../../functions/chat/providers.ts';
import { createChatTurnRunner } from '../agent/run-chat-turn.ts';
import type { Env } from '../config/env.ts';
import { silentLogger } from '../http/logger.ts';
import { createInProcessOrderClient } from '../order-client/in-process-order-client.ts';
import { openTestOrderService } from './order-fixture.ts';

/** The chat app over a fresh in-memory order service, with providers configured from `env`. */
export function createTestChatApp(env: Env = {}, { menuCacheMs }: { menuCacheMs?: number } = {}) {
  const { service, opened } = openTestOrderService();
  const orders = createInProcessOrderClient(service);
  const config = readChatConfig({ CHAT_RATE_LIMIT_PER_MINUTE: '10000', ...env });
  const chain = buildAgentChain(config, silentLogger);
  const runTurn = createChatTurnRunner({ orders, chain, log: silentLogger, ...(menuCacheMs !== undefined ? { menuCacheMs } : {}) });
  const app = createChatApp({
    orders,
    runTurn,
    log: silentLogger,
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
