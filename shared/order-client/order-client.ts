import type { HealthCheck } from '../http/function-module.ts';
import type * as v from 'valibot';
import type { MenuResponse } from '../menu/menu-response.ts';
import type { Order, OrderLookup, PublicOrder, QueueSnapshot } from '../orders/order-types.ts';
import type { CreateOrderSchema } from '../orders/order-schemas.ts';
import type { SessionAliasRequest } from '../sessions/session-alias-schema.ts';
import type { CommitResult, Session, SessionCommit } from '../sessions/session-types.ts';

/** What a caller sends; the service validates it with the same schema as POST /orders. */
export type CreateOrderInput = v.InferInput<typeof CreateOrderSchema>;
export type CallOptions = { idempotencyKey?: string; signal?: AbortSignal };

/**
 * What the chat and health functions need from the order service. Two implementations: in
 * process (local server, tests) and over HTTP (Modal). Both throw OrderClientError.
 */
export interface OrderClient {
  getMenu(options?: CallOptions): Promise<MenuResponse>;
  createOrder(input: CreateOrderInput, options?: CallOptions): Promise<{ order: Order; replayed: boolean }>;
  /** The public view (no customer name); null when there is no such order. */
  getOrder(id: string, options?: CallOptions): Promise<PublicOrder | null>;
  /** By order id or today's pickup code; `found: false` rather than an error. */
  lookupOrder(ref: { orderId?: string; pickupCode?: string }, options?: CallOptions): Promise<OrderLookup>;
  getQueue(options?: CallOptions): Promise<QueueSnapshot>;
  createSession(options?: CallOptions): Promise<Session>;
  /** The session behind an outside client's own id (the legacy UI's): created on first use, replaced when `fresh`. */
  sessionForAlias(request: SessionAliasRequest, options?: CallOptions): Promise<Session>;
  /** null when there is no such session. */
  getSession(id: string, options?: CallOptions): Promise<Session | null>;
  /** Throws OrderClientError with status 409 / code version_conflict on a stale version. */
  commitSession(id: string, commit: SessionCommit, options?: CallOptions): Promise<CommitResult>;
  checkout(id: string, expectedVersion: number, options?: CallOptions): Promise<CommitResult>;
  check(options?: CallOptions): Promise<HealthCheck>;
}

/** An error from the order service, in the shape of DESIGN.md §3, or a transport failure (status 502/504). */
export class OrderClientError extends Error {
  override name = 'OrderClientError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
