/**
 * A signal that aborts when `parent` aborts or `ms` pass, whichever is first. Node 20's
 * AbortSignal.any() can miss a timeout (the combined signal may be collected while only a
 * fetch listens to it), so the link is made by hand and the timer is cleared by dispose().
 */
export function withDeadline(ms: number, parent?: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
