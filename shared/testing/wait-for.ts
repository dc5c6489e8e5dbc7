/**
 * Resolves once `condition()` holds, checking every few milliseconds; for state that changes
 * in the background (a breaker closing, a probe arriving) where no event is exposed.
 */
export async function waitFor(condition: () => boolean, { timeoutMs = 5000, everyMs = 5 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
