// The pages' view of the API: base URLs from /config.json, JSON calls with a timeout and the
// error shape turned into an ApiError the UI can explain.
import * as v from 'valibot';
import type { ChatResponse } from '../../../shared/agent/chat-response.ts';
import type { MenuResponse } from '../../../shared/menu/menu-response.ts';
import type { Order, OrderStatus } from '../../../shared/orders/order-types.ts';
import type { PricedLine } from '../../../shared/menu/pricing.ts';
import { ApiBasesSchema, ErrorBodySchema, type PublicQueueSchema } from './response-schemas.ts';

export type { ChatResponse, MenuResponse, Order, OrderStatus, PricedLine };
export type ApiBases = v.InferOutput<typeof ApiBasesSchema>;

/** The public queue; an entry's `id` is deliberately not read (public views drop it). */
export type PublicQueue = v.InferOutput<typeof PublicQueueSchema>;
export type PublicQueueEntry = PublicQueue['active'][number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The bases the server rendered into the page, else GET /config.json. */
export async function loadBases(): Promise<ApiBases> {
  const inline = document.getElementById('app')?.dataset.config;
  if (inline) {
    try {
      const parsed = v.safeParse(ApiBasesSchema, JSON.parse(inline));
      if (parsed.success) return parsed.output;
    } catch {
      // Fall through to the endpoint.
    }
  }
  return requestParsed('/config.json', ApiBasesSchema);
}

export function wsUrl(base: string, path: string): string {
  const url = new URL(path, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/**
 * A JSON answer taken as the type the caller names. Cast: these bodies (menu, orders, chat, report)
 * are the server's documented shapes, which the contract tests check against the OpenAPI documents.
 */
export async function requestJson<T>(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<T> {
  const response = await request(url, init);
  return (await response.json()) as T;
}

/** A JSON answer checked against `schema` (a body that does not fit throws). */
export async function requestParsed<S extends v.GenericSchema>(
  url: string,
  schema: S,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<v.InferOutput<S>> {
  const response = await request(url, init);
  return v.parse(schema, await response.json());
}

/** fetch with a deadline; a non-2xx answer becomes an ApiError with the server's code. */
export async function request(url: string, { timeoutMs = 15_000, ...init }: RequestInit & { timeoutMs?: number } = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ApiError(0, timedOut ? 'timeout' : 'network', timedOut ? 'no answer in time' : 'cannot reach the server');
  }
  if (!response.ok) {
    const parsed = v.safeParse(ErrorBodySchema, await response.json().catch(() => null));
    const error = parsed.success ? parsed.output.error : undefined;
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? response.statusText, error?.details);
  }
  return response;
}

export function jsonInit(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
