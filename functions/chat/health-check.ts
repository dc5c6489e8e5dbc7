import type { createAgentChain } from '../../shared/agent/chain/agent-chain.ts';
import type { HealthCheck } from '../../shared/http/function-module.ts';
import type { OrderClient } from '../../shared/order-client/order-client.ts';

/**
 * The chat's own check (/healthz/chat, and through it /health): the order service, and each
 * provider's breaker state and when it last answered. An open breaker is "degraded": the
 * offline agent still takes orders, but customers are not getting the model.
 */
export function createChatHealthCheck(orders: OrderClient, chain: Pick<ReturnType<typeof createAgentChain>, 'status'>) {
  return async (): Promise<HealthCheck> => {
    const order = await orders.check();
    const providers = chain.status();
    const healthy = order.status === 'ok' && providers.every((provider) => provider.state === 'closed');
    return { status: healthy ? 'ok' : 'degraded', providers, orderService: order.status };
  };
}
