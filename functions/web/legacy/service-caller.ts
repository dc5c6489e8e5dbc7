import { withDeadline } from '../../../shared/deadline.ts';
import { AppError, errorOf, isErrorStatus, relayError } from '../../../shared/errors.ts';
import { VOUCHED_CLIENT_HEADER } from '../../../shared/http/client-key.ts';
import type { SiblingFetch } from '../../../shared/http/function-module.ts';
import { HTTP_ERRORS } from '../../../shared/http/http-errors.ts';
import { LEGACY_ERRORS } from './legacy-errors.ts';

/** Per call: who the client is (forwarded so the sibling's own per-client limits still apply) and when to give up. */
export type CallContext = { signal?: AbortSignal; env?: unknown; forwardedFor?: string /** Our client key for the caller (client-key.ts). */; client?: string };
export type ServiceCall = (path: string, init: RequestInit, context?: CallContext) => Promise<Response>;

export type ServiceCallerOptions = {
  /** Named in errors. */
  name: 'chat' | 'stt' | 'tts';
  /** In process (local server) … */
  sibling?: SiblingFetch;
  /** … or over HTTP (Modal: CHAT_API_URL, …). */
  baseUrl?: string;
  timeoutMs: number;
  /** INTERNAL_API_TOKEN: over HTTP, vouches for the forwarded client (X-Tea-Client), which the sibling's proxy would otherwise replace with ours. */
  token?: string;
  fetch?: typeof fetch;
};

/**
 * One way to reach a sibling function, in process or over HTTP; the caller cannot tell which.
 * Transport failures become a 502/504 in our error shape; an answer, even an error, is returned as is.
 */
export function createServiceCaller({ name, sibling, baseUrl, timeoutMs, token, fetch: fetchFn = fetch }: ServiceCallerOptions): ServiceCall {
  const root = baseUrl?.replace(/\/+$/, '');
  return async (path, init, context = {}) => {
    const deadline = withDeadline(timeoutMs, context.signal);
    const headers = new Headers(init.headers);
    if (context.forwardedFor) headers.set('x-forwarded-for', context.forwardedFor);
    try {
      if (sibling) {
        const response = await sibling(new Request(`http://${name}.internal${path}`, { ...init, headers, signal: deadline.signal }), context.env);
        // In process the body is already complete or streaming from memory; reading it is bounded by the deadline too.
        return new Response(await response.arrayBuffer(), response);
      }
      if (!root) throw LEGACY_ERRORS.raise(`${name}_unavailable`, `the ${name} service is not configured`);
      if (token && context.client) {
        headers.set('authorization', `Bearer ${token}`);
        headers.set(VOUCHED_CLIENT_HEADER, context.client);
      }
      const response = await fetchFn(`${root}${path}`, { ...init, headers, signal: deadline.signal });
      return new Response(await response.arrayBuffer(), response);
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (context.signal?.aborted) throw HTTP_ERRORS.raise('client_closed_request', 'the client went away');
      if (deadline.signal.aborted) throw LEGACY_ERRORS.raise(`${name}_timeout`, `the ${name} service did not answer within ${timeoutMs} ms`);
      throw LEGACY_ERRORS.raise(`${name}_unreachable`, `the ${name} service is unreachable`);
    } finally {
      deadline.dispose();
    }
  };
}

/** A sibling's error answer, kept as it is (status, code, message) so the caller sees the real reason. */
export async function errorFrom(name: string, response: Response): Promise<AppError> {
  const error = errorOf(await response.json().catch(() => undefined));
  return relayError(
    isErrorStatus(response.status) ? response.status : 502,
    error?.code ?? `${name}_error`,
    error?.message ?? `the ${name} service answered ${response.status}`,
    error?.details,
  );
}
