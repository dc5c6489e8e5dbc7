import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';

const MAX_KEY_LENGTH = 64;

/** Sent with INTERNAL_API_TOKEN by a sibling calling on a client's behalf (create-app.ts checks the token). */
export const VOUCHED_CLIENT_HEADER = 'x-tea-client';

export type ClientIdentity = {
  key: string;
  /**
   * False when proxies are trusted (TRUST_PROXY_HOPS > 0) but the request carried no
   * forwarded address: the socket address is then a proxy's, shared by every client.
   * (Modal's web_server proxy forwards none on WebSocket upgrades.)
   */
  known: boolean;
};

/**
 * Who is calling, for per-client limits. With `trustProxyHops` 0 (the default: nothing in
 * front) it is the socket's remote address and `X-Forwarded-For` is ignored, since the client
 * wrote it. With N trusted proxies in front it is the N-th hop from the right: each proxy
 * appends the address it saw, so hops further left are whatever the client sent. A shorter
 * list gives its leftmost hop (the furthest a trusted proxy vouched for).
 */
export function clientIdentity(c: Context<AppEnv>): ClientIdentity {
  const vouched = c.get('vouchedClient');
  if (vouched) return { key: vouched.slice(0, MAX_KEY_LENGTH), known: true };
  const hops = c.get('trustProxyHops') ?? 0;
  const socket = socketAddress(c);
  if (hops <= 0) return { key: socket, known: true };
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (forwarded.length === 0) return { key: socket, known: false };
  const hop = forwarded[Math.max(0, forwarded.length - hops)]!;
  return { key: hop.slice(0, MAX_KEY_LENGTH), known: true };
}

export function clientKey(c: Context<AppEnv>): string {
  return clientIdentity(c).key;
}

function socketAddress(c: Context): string {
  try {
    const address = getConnInfo(c).remote.address;
    if (address) return address;
  } catch {
    // app.request() in tests and other non-Node adapters have no socket.
  }
  return 'unknown';
}
