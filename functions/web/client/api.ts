// The pages' view of the API: base URLs from /config.json, JSON calls with a timeout and the
// error shape turned into an ApiError the UI can explain.
import type { ChatResponse } from '../../../shared/agent/chat-response.ts';
import type { MenuResponse } from '../../../shared/menu/menu-response.ts';
import type { Order, OrderStatus } from '../../../shared/orders/order-types.ts';
import type { PricedLine } from '../../../shared/menu/pricing.ts';

export type { ChatResponse, MenuResponse, Order, OrderStatus, PricedLine };
export type ApiBases = { order: string; chat: string; stt: string; tts: string };

/** A public queue entry; `id` is deliberately not read (public views drop it). */
export type PublicQueueEntry = { pickupCode: string; status: OrderStatus; position: number; etaSeconds: number; lines: PricedLine[] };
export type PublicQueue = { generatedAt: string; active: PublicQueueEntry[]; recentlyCompleted: { pickupCode: string; status: OrderStatus }[] };

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
      return JSON.parse(inline) as ApiBases;
    } catch {
      // Fall through to the endpoint.
    }
  }
  return requestJson<ApiBases>('/config.json');
}

export function wsUrl(base: string, path: string): string {
  const url = new URL(path, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

export async function requestJson<T>(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<T> {
  const response = await request(url, init);
  return (await response.json()) as T;
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
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null;
    throw new ApiError(response.status, body?.error?.code ?? `http_${response.status}`, body?.error?.message ?? response.statusText, body?.error?.details);
  }
  return response;
}

export function jsonInit(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
