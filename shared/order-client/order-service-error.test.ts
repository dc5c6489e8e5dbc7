import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { OrderClientError } from './order-client.ts';
import { asOrderServiceAppError } from './order-service-error.ts';

const mapped = (status: number) => asOrderServiceAppError(new OrderClientError(status, 'some_code', 'what the order service said')) as AppError;

describe('asOrderServiceAppError (the one order-service error mapping of chat and web)', () => {
  it("passes the order service's 4xx through with its code and message", () => {
    for (const status of [400, 404, 409, 422, 498]) {
      const error = mapped(status);
      expect(error).toBeInstanceOf(AppError);
      expect([error.status, error.code, error.message]).toEqual([status, 'some_code', 'what the order service said']);
    }
  });

  it('turns a 5xx, an aborted call (499) or a status that is no error into a 503 that leaks nothing', () => {
    for (const status of [499, 500, 502, 503, 200, 302, 0]) {
      const error = mapped(status);
      expect([error.status, error.code]).toEqual([503, 'order_service_unavailable']);
      // What a customer reads: that the shop system is down, and to try again; never the cause.
      expect(error.message).toBe('the shop system is unavailable right now; please try again');
    }
  });

  it('leaves any other error as it is', () => {
    const other = new Error('boom');
    expect(asOrderServiceAppError(other)).toBe(other);
  });
});
