import * as v from 'valibot';
import { AppError, constraintErrorOf } from '../errors.ts';
import { validationError } from '../http/validate.ts';
import { CheckoutSchema, CreateOrderSchema } from '../orders/order-schemas.ts';
import type { OrderService } from '../orders/order-service.ts';
import { SessionAliasRequestSchema } from '../sessions/session-alias-schema.ts';
import { SessionCommitSchema } from '../sessions/session-types.ts';
import { OrderClientError, type OrderClient } from './order-client.ts';

/** The order service called directly (local server, tests): same validation, same errors, no network. */
export function createInProcessOrderClient(service: OrderService): OrderClient {
  return {
    getMenu: async () => call(() => service.menu()),
    createOrder: async (input, options) => call(() => service.createOrder(parse(CreateOrderSchema, input), options?.idempotencyKey)),
    getOrder: async (id) => call(() => service.getPublicOrder(id)),
    lookupOrder: async (ref) => call(() => service.lookup(ref)),
    getQueue: async () => call(() => service.queue()),
    createSession: async () => call(() => service.createSession()),
    getSession: async (id) => call(() => service.getSession(id)),
    sessionForAlias: async (request) =>
      call(() => {
        const { alias, fresh, lang } = parse(SessionAliasRequestSchema, request);
        return service.sessionForAlias(alias, fresh, lang);
      }),
    commitSession: async (id, commit, options) => call(() => service.commitSession(id, parse(SessionCommitSchema, commit), options?.idempotencyKey)),
    checkout: async (id, expectedVersion, options) =>
      call(() => {
        const { session, order } = service.checkout(id, parse(CheckoutSchema, { expectedVersion }).expectedVersion, options?.idempotencyKey);
        return { session, order };
      }),
    check: async () => service.check(),
  };
}

function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw validationError(result.issues, 'body');
  return result.output;
}

async function call<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    // A copy, so callers never share objects with the service, as with the HTTP client.
    return structuredClone(await run());
  } catch (error) {
    const known = error instanceof AppError ? error : constraintErrorOf(error);
    if (known) throw new OrderClientError(known.status, known.code, known.message, known.details);
    throw error;
  }
}
