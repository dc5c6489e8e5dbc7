import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

const MAX_KEY_LENGTH = 64;

/**
 * Who is calling, for per-client limits. On Modal every request comes through its proxy, so
 * the socket address is the proxy's own and the client is the address the proxy appended:
 * the LAST `X-Forwarded-For` hop. Earlier hops are whatever the client sent, so trusting the
 * first one would let anyone pick a fresh key per request. Without the header (the local
 * server) it is the socket's remote address.
 */
export function clientKey(c: Context): string {
  const forwarded = c.req.header('x-forwarded-for');
  if (forwarded) {
    const last = forwarded.slice(forwarded.lastIndexOf(',') + 1).trim();
    if (last) return last.slice(0, MAX_KEY_LENGTH);
  }
  try {
    const address = getConnInfo(c).remote.address;
    if (address) return address;
  } catch {
    // app.request() in tests and other non-Node adapters have no socket.
  }
  return 'unknown';
}
