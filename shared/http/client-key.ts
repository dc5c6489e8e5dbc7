import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

const MAX_KEY_LENGTH = 64;

/**
 * Who is calling, for per-client limits. On Modal every request comes through its proxy, so
 * the socket address is the proxy's own and the client is the first `X-Forwarded-For` hop;
 * without that header (the local server) it is the socket's remote address. Neither is
 * proof of identity: a client that sets its own X-Forwarded-For picks its own key.
 */
export function clientKey(c: Context): string {
  const forwarded = c.req.header('x-forwarded-for');
  if (forwarded) {
    const first = forwarded.split(',', 1)[0]!.trim();
    if (first) return first.slice(0, MAX_KEY_LENGTH);
  }
  try {
    const address = getConnInfo(c).remote.address;
    if (address) return address;
  } catch {
    // app.request() in tests and other non-Node adapters have no socket.
  }
  return 'unknown';
}
