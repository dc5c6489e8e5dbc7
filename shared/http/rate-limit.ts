import type { Context, MiddlewareHandler } from 'hono';
import type { AppError } from '../errors.ts';
import { HTTP_ERRORS } from './http-errors.ts';
import { clientKey } from './client-key.ts';

export type RateLimitOptions = {
  /** Used in the 429 message and logs, e.g. 'tts'. */
  name: string;
  /** Requests a client may make per window; also the burst size. */
  limit: number;
  windowMs: number;
  /** Most clients remembered at once; past it the least recently seen is forgotten. */
  maxClients?: number;
  /** Who the caller is; defaults to clientKey: the client a sibling vouched for (X-Tea-Client), else the socket address or the trusted proxy hop. */
  keyFor?: (c: Context) => string;
  /** Clock, for tests. */
  now?: () => number;
};

const DEFAULT_MAX_CLIENTS = 10_000;

type Bucket = { tokens: number; at: number };

/**
 * A token bucket per client, in memory: `limit` requests at once, refilled evenly over
 * `windowMs`. The map holds at most `maxClients` buckets (least recently used dropped
 * first), so a flood of new addresses costs a bounded amount of memory; a forgotten
 * client simply starts again with a full bucket.
 */
export function createRateLimiter({ limit, windowMs, maxClients = DEFAULT_MAX_CLIENTS, now = Date.now }: Omit<RateLimitOptions, 'name' | 'keyFor'>) {
  if (!(limit >= 1) || !(windowMs >= 1)) throw new RangeError('rate limit needs limit >= 1 and windowMs >= 1');
  const perMs = limit / windowMs;
  const buckets = new Map<string, Bucket>();

  return {
    /** Takes one token; returns 0 when allowed, else the milliseconds until one is available. */
    take(key: string): number {
      const at = now();
      const found = buckets.get(key);
      let tokens = limit;
      if (found) {
        tokens = Math.min(limit, found.tokens + (at - found.at) * perMs);
        buckets.delete(key); // re-inserted below: Map order is recency order
      } else if (buckets.size >= maxClients) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at });
        return 0;
      }
      buckets.set(key, { tokens, at });
      return Math.ceil((1 - tokens) / perMs);
    },
    get size() {
      return buckets.size;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** The 429 for a client that has to wait `waitMs`. */
export function rateLimited(name: string, waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return HTTP_ERRORS.raise('rate_limited', `too many ${name} requests; try again in ${seconds} s`, { retryAfterSeconds: seconds });
}

/**
 * Per-client rate limit middleware: 429 `rate_limited` in the error shape, with Retry-After
 * (seconds). Pass `limiter` to share one set of buckets with another path (chat's socket turns).
 */
export function rateLimit({ name, keyFor = clientKey, limiter: shared, ...options }: RateLimitOptions & { limiter?: RateLimiter }): MiddlewareHandler {
  const limiter = shared ?? createRateLimiter(options);
  return async (c, next) => {
    const waitMs = limiter.take(keyFor(c));
    if (waitMs > 0) {
      const error = rateLimited(name, waitMs);
      c.header('Retry-After', String(error.details!.retryAfterSeconds));
      throw error;
    }
    await next();
  };
}
