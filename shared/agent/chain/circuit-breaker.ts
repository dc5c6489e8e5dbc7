export type BreakerState = 'closed' | 'open';

/** What /health shows for one provider. Times are ISO-8601 UTC, null when never. */
export type BreakerSnapshot = {
  state: BreakerState;
  /** Consecutive failures counted toward the threshold. */
  failures: number;
  openedAt: string | null;
  /** The last real call or background probe that succeeded. */
  lastGoodAt: string | null;
  lastFailureAt: string | null;
};

export type CircuitBreaker = {
  isOpen(): boolean;
  /** A call succeeded: failures reset, the breaker closes. */
  succeed(): void;
  /** A call failed (5xx, connection, bad output): counts toward the threshold. */
  fail(): void;
  /** A call timed out: the breaker opens at once. */
  trip(): void;
  snapshot(): BreakerSnapshot;
  /** Stops the background probe (shutdown, tests). */
  dispose(): void;
};

export type BreakerOptions = {
  failureThreshold?: number;
  cooldownMs?: number;
  /** A small request to the provider; resolves when it answered. Never a customer's turn. */
  probe: () => Promise<void>;
  now?: () => number;
  onProbe?: (outcome: 'recovered' | 'still-down', error?: unknown) => void;
};

/**
 * Opens after `failureThreshold` consecutive failures, or at once on a timeout, so a dead or
 * hanging provider costs one customer at most one deadline. While open, customer turns skip
 * the provider and a background probe runs every `cooldownMs`; the first probe that answers
 * closes the breaker, so the next customer gets the provider again.
 */
export function createCircuitBreaker({ failureThreshold = 3, cooldownMs = 30_000, probe, now = () => Date.now(), onProbe }: BreakerOptions): CircuitBreaker {
  let failures = 0;
  let openedAt: number | null = null;
  let lastGoodAt: number | null = null;
  let lastFailureAt: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  let disposed = false;

  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

  const schedule = () => {
    if (timer || disposed) return;
    timer = setTimeout(runProbe, cooldownMs);
    timer.unref();
  };

  async function runProbe() {
    try {
      await probe();
      if (disposed) return;
      timer = undefined;
      close();
      onProbe?.('recovered');
    } catch (error) {
      if (disposed) return;
      timer = undefined;
      openedAt = now();
      lastFailureAt = openedAt;
      onProbe?.('still-down', error);
      schedule();
    }
  }

  const open = () => {
    if (openedAt === null) openedAt = now();
    schedule();
  };

  function close() {
    failures = 0;
    openedAt = null;
    lastGoodAt = now();
  }

  return {
    isOpen: () => openedAt !== null,
    succeed: close,
    fail() {
      failures += 1;
      lastFailureAt = now();
      if (failures >= failureThreshold) open();
    },
    trip() {
      failures += 1;
      lastFailureAt = now();
      open();
    },
    snapshot: () => ({
      state: openedAt === null ? 'closed' : 'open',
      failures,
      openedAt: iso(openedAt),
      lastGoodAt: iso(lastGoodAt),
      lastFailureAt: iso(lastFailureAt),
    }),
    dispose() {
      disposed = true;
      clearTimeout(timer);
    },
  };
}
