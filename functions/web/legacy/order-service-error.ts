import { AppError } from '../../../shared/errors.ts';
import { OrderClientError } from '../../../shared/order-client/order-client.ts';

/**
 * Order-service failures as a client may see them: its 4xx as they are, anything else a 503.
 * web's onError uses it for the routes, the legacy sockets for their error frames.
 */
export function asOrderServiceAppError(error: unknown): unknown {
  if (error instanceof OrderClientError) {
    if (error.status >= 500 || error.status === 499)
      return new AppError(503, 'order_service_unavailable', 'the shop system is unavailable right now; please try again');
    return new AppError(error.status as 400, error.code, error.message);
  }
  return error;
}
