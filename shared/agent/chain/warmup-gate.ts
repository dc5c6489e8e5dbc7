import type { Logger } from '../../http/logger.ts';

export type WarmupGate = {
  isReady(): boolean;
  /** Starts polling the health URL in the background, unless already polling or ready. */
  wake(): void;
  /** The provider failed a real call: it has to prove itself healthy again. */
  markDown(): void;
  /** The provider just answered a real call. */
  markUp(): void;
  state(): 'cold' | 'waking' | 'ready';
};

/**
 * The self-hosted GPU model can take minutes to start. Nobody waits for it: when it is
 * needed the gate pings its health URL in the background (which is also what makes Modal
 * start the container) and only lets calls through once it answers 200.
 *
 * Modal scales an idle GPU app to zero (after 5 minutes), so "ready" goes stale: after
 * `staleAfterMs` without a sign of life the gate counts the model as cold again, and the
 * next turn that needs it wakes it in the background instead of waiting on a cold start.
 */
export function createWarmupGate({
  healthUrl,
  log,
  pollMs = 5000,
  maxWaitMs = 15 * 60_000,
  staleAfterMs = 4 * 60_000,
  fetchFn = fetch,
  now = () => Date.now(),
}: {
  healthUrl: string;
  log: Logger;
  pollMs?: number;
  maxWaitMs?: number;
  staleAfterMs?: number;
  fetchFn?: typeof fetch;
  now?: () => number;
}): WarmupGate {
  let state: 'cold' | 'waking' | 'ready' = 'cold';
  let lastAlive = 0;
  const current = () => {
    if (state === 'ready' && now() - lastAlive > staleAfterMs) state = 'cold';
    return state;
  };

  const poll = async () => {
    const deadline = Date.now() + maxWaitMs;
    log.info('waking provider', { healthUrl });
    while (state === 'waking' && Date.now() < deadline) {
      const ok = await fetchFn(healthUrl, { signal: AbortSignal.timeout(Math.max(pollMs, 2000)) }).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) {
        state = 'ready';
        lastAlive = now();
        log.info('provider is ready', { healthUrl });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs).unref());
    }
    if (state === 'waking') {
      state = 'cold';
      log.warn('provider did not become ready', { healthUrl, maxWaitMs });
    }
  };

  return {
    isReady: () => current() === 'ready',
    wake() {
      if (current() !== 'cold') return;
      state = 'waking';
      void poll();
    },
    markDown() {
      state = 'cold';
    },
    markUp() {
      state = 'ready';
      lastAlive = now();
    },
    state: current,
  };
}

/** vLLM serves the API under /v1 and its health check at /health on the same origin. */
export function healthUrlFor(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')}/health`;
}
