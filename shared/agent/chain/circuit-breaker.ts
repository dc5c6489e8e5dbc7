export type BreakerState = 'closed' | 'open' | 'half-open';

export type CircuitBreaker = {
  /** May a call go through now? In half-open, exactly one probe is let through at a time. */
  tryAcquire(): boolean;
  succeed(): void;
  fail(): void;
  state(): BreakerState;
};

/**
 * Opens after `failureThreshold` consecutive failures, so a dead provider costs one timeout,
 * not one per request. After `cooldownMs` one probe call is allowed (half-open): success
 * closes the breaker, failure opens it for another cooldown.
 */
export function createCircuitBreaker({ failureThreshold = 3, cooldownMs = 30_000, now = () => Date.now() } = {}): CircuitBreaker {
  let failures = 0;
  let openedAt: number | null = null;
  let probing = false;

  const state = (): BreakerState => {
    if (openedAt === null) return 'closed';
    return now() - openedAt >= cooldownMs ? 'half-open' : 'open';
  };

  return {
    tryAcquire() {
      const current = state();
      if (current === 'closed') return true;
      if (current === 'open' || probing) return false;
      probing = true;
      return true;
    },
    succeed() {
      failures = 0;
      openedAt = null;
      probing = false;
    },
    fail() {
      failures += 1;
      if (probing || failures >= failureThreshold) openedAt = now();
      probing = false;
    },
    state,
  };
}
