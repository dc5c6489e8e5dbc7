import { AppError } from '../errors.ts';
import { SPEECH_ERRORS } from './speech-errors.ts';
import type { Logger } from '../http/logger.ts';
import { SpeechAbortedError, describeFailure } from './provider-error.ts';

export type ProviderAttempt = { provider: string; outcome: 'failed' | 'skipped'; reason: string };

export type ChainOptions<P> = {
  /** 'stt' or 'tts': names the 503 code and the log lines. */
  kind: 'stt' | 'tts';
  what: string;
  log: Logger;
  signal?: AbortSignal;
  /** A reason to pass this provider over for this request, or undefined to try it. */
  skip?: (provider: P) => string | undefined;
  /** What to say when no provider is configured at all. */
  noneConfigured: string;
  /** A more precise answer than the 503 once every provider failed or was passed over, or undefined for the 503. */
  exhausted?: (attempts: ProviderAttempt[]) => AppError | undefined;
};

/**
 * Tries providers in order until one answers. Each failure is logged once, with its cause,
 * and the next provider is tried; when none answers the client gets a 503 naming every
 * provider and what happened to it. A client that went away stops the chain.
 */
export async function firstAnswer<P extends { name: string }, R>(
  providers: readonly P[],
  run: (provider: P) => Promise<R>,
  { kind, what, log, signal, skip, noneConfigured, exhausted }: ChainOptions<P>,
): Promise<{ result: R; provider: string; attempts: ProviderAttempt[] }> {
  if (providers.length === 0) throw SPEECH_ERRORS.raise(`${kind}_unavailable`, noneConfigured, { providersTried: [] });
  const attempts: ProviderAttempt[] = [];
  for (const provider of providers) {
    if (signal?.aborted) throw new SpeechAbortedError();
    const reason = skip?.(provider);
    if (reason) {
      attempts.push({ provider: provider.name, outcome: 'skipped', reason });
      continue;
    }
    const started = performance.now();
    try {
      const result = await run(provider);
      return { result, provider: provider.name, attempts };
    } catch (error) {
      if (error instanceof SpeechAbortedError || signal?.aborted) throw new SpeechAbortedError();
      if (error instanceof AppError) throw error;
      log.warn(`${kind} provider failed`, { provider: provider.name, ms: Math.round(performance.now() - started), err: error });
      attempts.push({ provider: provider.name, outcome: 'failed', reason: describeFailure(error) });
    }
  }
  const precise = exhausted?.(attempts);
  if (precise) throw precise;
  const tried = attempts.map((attempt) => `${attempt.provider} (${attempt.outcome === 'failed' ? 'failed' : attempt.reason})`).join(', ');
  throw SPEECH_ERRORS.raise(`${kind}_unavailable`, `${what} is unavailable right now; tried: ${tried}`, { providersTried: attempts });
}
