import type { OrderClient } from '../../shared/order-client/order-client.ts';
import { KNOWN_ORDERS } from '../../shared/testing/rule-case-driver.ts';

/**
 * The orders the case tables ask about ("is order 12 ready?") exist before the conversation
 * starts; the rule-case driver knows them, so does this client. Every other call, lookups of
 * the orders the conversation places included, goes to the real order service.
 */
export function withKnownOrders(client: OrderClient): OrderClient {
  return {
    ...client,
    async lookupOrder(ref, options) {
      const known = KNOWN_ORDERS.find((order) => (ref.orderId ? order.orderId === ref.orderId : order.pickupCode === ref.pickupCode));
      return known ? structuredClone(known) : client.lookupOrder(ref, options);
    },
  };
}
