/** A provider could not serve this request; the chain moves on to the next one. */
export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly provider: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The caller went away (client disconnect): stop, and try no further provider. */
export class SpeechAbortedError extends Error {
  override name = 'SpeechAbortedError';
  constructor() {
    super('the request was aborted by the client');
  }
}

/** Rejects as soon as the signal aborts, without waiting for a call that cannot be cancelled. */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(new SpeechAbortedError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new SpeechAbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Waits `ms`, or rejects early when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SpeechAbortedError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new SpeechAbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A short, secret-free description of an upstream failure for logs and 503 details. */
export function describeFailure(error: unknown): string {
  if (error instanceof ProviderError) return error.message;
  if (error instanceof Error) return error.message.slice(0, 200);
  return 'unknown error';
}
