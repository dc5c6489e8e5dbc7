import { createChatTurnRunner } from '../../shared/agent/run-chat-turn.ts';
import { readHttpConfig } from '../../shared/config/http-config.ts';
import { ConfigError } from '../../shared/config/env.ts';
import type { OpenFunction } from '../../shared/http/function-module.ts';
import { isEntryPoint, runStandalone } from '../../shared/http/serve.ts';
import { createHttpOrderClient } from '../../shared/order-client/http-order-client.ts';
import { createChatApp } from './app.ts';
import { readChatConfig } from './config.ts';
import { createChatHealthCheck } from './health-check.ts';
import { buildAgentChain } from './providers.ts';

export const openFunction: OpenFunction = async ({ env, log, orderClient }) => {
  const config = readChatConfig(env);
  const { allowedOrigins, trustProxyHops, internalToken } = readHttpConfig(env);
  const orders =
    orderClient ??
    (config.ORDER_API_URL
      ? createHttpOrderClient({ baseUrl: config.ORDER_API_URL, ...(config.INTERNAL_API_TOKEN ? { token: config.INTERNAL_API_TOKEN } : {}) })
      : undefined);
  if (!orders) throw new ConfigError('Invalid configuration: ORDER_API_URL: required (the order service base URL)');
  const chain = buildAgentChain(config, log);
  const runTurn = createChatTurnRunner({ orders, chain, log });
  const check = createChatHealthCheck(orders, chain);
  const app = createChatApp({
    orders,
    runTurn,
    log,
    allowedOrigins,
    trustProxyHops,
    ...(internalToken ? { internalToken } : {}),
    ratePerMinute: config.CHAT_RATE_LIMIT_PER_MINUTE,
    socketIdleMs: config.CHAT_WS_IDLE_MS,
    check,
  });
  log.info('chat ready', { fn: 'chat', providers: chain.providers });
  return { name: 'chat', app, check, close: async () => chain.close() };
};

if (isEntryPoint(import.meta.url)) void runStandalone('chat', openFunction, process.env);
