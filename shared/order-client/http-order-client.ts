import { withDeadline } from '../deadline.ts';
import { errorOf } from '../errors.ts';
import type { Order } from '../orders/order-types.ts';
import { OrderClientError, type CallOptions, type OrderClient } from './order-client.ts';

export type HttpOrderClientOptions = {
  baseUrl: string;
  /** Bound on each call, connect to last byte. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Sent as a bearer token (INTERNAL_API_TOKEN), which the order service's /sessions… require on Modal. */
  token?: string;
};

/** The order service over HTTP (chat and health on Modal reach it at ORDER_API_URL). */
export function createHttpOrderClient({ baseUrl, timeoutMs = 5000, fetch: fetchFn = fetch, token }: HttpOrderClientOptions): OrderClient {
  const root = baseUrl.replace(/\/+$/, '');

  async function send(
    method: string,
    path: string,
    body?: unknown,
    options?: CallOptions & { nullOn404?: boolean },
  ): Promise<{ status: number; body: unknown }> {
    const deadline = withDeadline(timeoutMs, options?.signal);
    try {
      return await sendWithin(deadline.signal, method, path, body, options);
    } finally {
      deadline.dispose();
    }
  }

  async function sendWithin(
    signal: AbortSignal,
    method: string,
    path: string,
    body?: unknown,
    options?: CallOptions & { nullOn404?: boolean },
  ): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options?.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let response: Response;
    try {
      response = await fetchFn(`${root}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal,
      });
    } catch (error) {
      if (options?.signal?.aborted) throw new OrderClientError(499, 'aborted', 'the call was aborted', undefined, { cause: error });
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw timedOut
        ? new OrderClientError(504, 'order_service_timeout', `order service did not answer within ${timeoutMs} ms`, undefined, { cause: error })
        : new OrderClientError(502, 'order_service_unreachable', 'order service is unreachable', undefined, { cause: error });
    }
    if (response.status === 404 && options?.nullOn404) return { status: 404, body: null };
    const text = await response.text();
    const parsed = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const error = errorOf(parsed);
      throw new OrderClientError(
        response.status,
        error?.code ?? 'order_service_error',
        error?.message ?? `order service answered ${response.status}`,
        error?.details,
      );
    }
    if (parsed === undefined) throw new OrderClientError(502, 'order_service_bad_response', 'order service sent a response that is not JSON');
    return { status: response.status, body: parsed };
  }

  async function request<T>(method: string, path: string, body?: unknown, options?: CallOptions & { nullOn404?: boolean }): Promise<T> {
    return answerAs<T>((await send(method, path, body, options)).body);
  }

  return {
    getMenu: (options) => request('GET', '/menu', undefined, options),
    createOrder: async (input, options) => {
      // 201 is a new order, 200 the replay of an Idempotency-Key.
      const { status, body } = await send('POST', '/orders', input, options);
      return { order: answerAs<Order>(body), replayed: status === 200 };
    },
    getOrder: (id, options) => request('GET', `/orders/${encodeURIComponent(id)}`, undefined, { ...options, nullOn404: true }),
    lookupOrder: (ref, options) => {
      const query = ref.orderId ? `orderId=${encodeURIComponent(ref.orderId)}` : `pickupCode=${encodeURIComponent(ref.pickupCode ?? '')}`;
      return request('GET', `/orders/lookup?${query}`, undefined, options);
    },
    getQueue: (options) => request('GET', '/queue', undefined, options),
    createSession: (options) => request('POST', '/sessions', {}, options),
    sessionForAlias: (alias, options) => request('POST', '/sessions/aliases', alias, options),
    getSession: (id, options) => request('GET', `/sessions/${encodeURIComponent(id)}`, undefined, { ...options, nullOn404: true }),
    commitSession: (id, commit, options) => request('POST', `/sessions/${encodeURIComponent(id)}/commit`, commit, options),
    checkout: (id, expectedVersion, options) => request('POST', `/sessions/${encodeURIComponent(id)}/checkout`, { expectedVersion }, options),
    check: async (options) => {
      try {
        return await request('GET', '/healthz/order', undefined, options);
      } catch (error) {
        const reason = error instanceof OrderClientError ? error.code : 'unreachable';
        return { status: 'down', reason };
      }
    },
  };
}

/**
 * The order service's answer as the OrderClient method's type. The one cast of this client: the
 * answers are the order service's documented shapes (its contract tests check them against the
 * OpenAPI document), and checking every session and order again here would cost each chat turn.
 */
function answerAs<T>(body: unknown): T {
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
