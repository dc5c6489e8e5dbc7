import { and, eq, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Db } from '../db/open-db.ts';
import { idempotencyKeys } from '../db/schema.ts';
import { ORDER_ERRORS } from './order-errors.ts';

export type Stored<T> = { status: number; body: T; replayed: boolean };

/**
 * A hash of a request as its schema parsed it. valibot builds its output in the schema's key
 * order, so the same body sent with keys in another order hashes the same, and a plain
 * JSON.stringify is enough (no key sorting on every chat turn).
 */
function hashRequest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * Runs `create` once per (scope, key) inside the caller's transaction. The same key with the
 * same request replays the stored response; with another request it is a 409.
 *
 * `now` is the service's clock, the one pruning compares with.
 * `request` is hashed only when there is a key: without one there is nothing to compare it
 * with, and the stable-JSON hash was a visible share of POST /orders' CPU time.
 */
export function createIdempotency(db: Db, now: () => Date = () => new Date()) {
  const p = sql.placeholder;
  const find = db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, p('scope')), eq(idempotencyKeys.key, p('key'))))
    .prepare();
  const insert = db
    .insert(idempotencyKeys)
    .values({ scope: p('scope'), key: p('key'), requestHash: p('requestHash'), status: p('status'), response: p('response'), createdAt: p('createdAt') })
    .prepare();

  return function once<T>(scope: string, key: string | undefined, request: unknown, create: () => { status: number; body: T }): Stored<T> {
    if (!key) return { ...create(), replayed: false };
    const requestHash = hashRequest(request);
    const previous = find.get({ scope, key });
    if (previous) {
      if (previous.requestHash !== requestHash) {
        throw ORDER_ERRORS.raise('idempotency_key_reused', 'this Idempotency-Key was already used with a different request');
      }
      // Cast: the stored answer is the one this route wrote for the same key and the same request hash.
      return { status: previous.status, body: previous.response as T, replayed: true };
    }
    const result = create();
    insert.run({ scope, key, requestHash, status: result.status, response: result.body, createdAt: now().toISOString() });
    return { ...result, replayed: false };
  };
}

/** Runs `create` once per (scope, key); see createIdempotency. */
export type Idempotency = ReturnType<typeof createIdempotency>;

const KEY_PATTERN = /^[\w.:-]{1,128}$/;

/** Reads and checks the Idempotency-Key header value. */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY_PATTERN.test(header)) {
    throw ORDER_ERRORS.raise('invalid_idempotency_key', 'Idempotency-Key must be 1..128 characters of letters, digits, . _ : -');
  }
  return header;
}
