/** No first token (or no next token) within the deadline. */
export class FirstTokenTimeoutError extends Error {
  override name = 'FirstTokenTimeoutError';
}

/** Aborts the request when no chunk arrives for `ms` (first chunk included); the parent's abort passes through. */
export function stallWatchdog(parent: AbortSignal, ms: number | undefined) {
  const controller = new AbortController();
  let fired = false;
  let timer: NodeJS.Timeout | undefined;
  const onParentAbort = () => controller.abort(parent.reason);
  const arm = () => {
    if (ms === undefined) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      fired = true;
      controller.abort(new FirstTokenTimeoutError(`no tokens within ${ms} ms`));
    }, ms);
  };
  if (parent.aborted) onParentAbort();
  else parent.addEventListener('abort', onParentAbort, { once: true });
  arm();
  return {
    signal: controller.signal,
    alive: arm,
    throwIfFired() {
      if (fired) throw new FirstTokenTimeoutError(`no tokens within ${ms} ms`);
    },
    dispose() {
      clearTimeout(timer);
      parent.removeEventListener('abort', onParentAbort);
    },
  };
}
