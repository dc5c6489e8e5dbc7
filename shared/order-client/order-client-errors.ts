import { errorCatalog } from '../error-catalog.ts';

/** What a caller of the order service answers when the service itself fails (its 4xx are relayed as they are). */
export const ORDER_CLIENT_ERRORS = errorCatalog({ order_service_unavailable: 503 });
