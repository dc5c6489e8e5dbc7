import type { ClientErrorStatusCode } from 'hono/utils/http-status';
import { relayError } from '../errors.ts';
import { ORDER_CLIENT_ERRORS } from './order-client-errors.ts';
import { OrderClientError } from './order-client.ts';

/**
 * Order-service failures as a caller's client may see them: its 4xx as they are; a 5xx, an
 * aborted call (499) or anything else a 503 that leaks nothing internal. The one mapping for
 * chat's routes and socket and for web's routes and legacy sockets.
 */
export function asOrderServiceAppError(error: unknown): unknown {
  if (!(error instanceof OrderClientError)) return error;
  if (isClientErrorStatus(error.status)) return relayError(error.status, error.code, error.message);
  return ORDER_CLIENT_ERRORS.raise('order_service_unavailable', 'the shop system is unavailable right now; please try again');
}

function isClientErrorStatus(status: number): status is ClientErrorStatusCode {
  return Number.isInteger(status) && status >= 400 && status < 499;
}
