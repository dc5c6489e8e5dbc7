import type { MiddlewareHandler } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import { HTTP_ERRORS } from './http-errors.ts';
import type { AppEnv } from './app-env.ts';

/**
 * Checks `Authorization: Bearer <token>`: missing credentials are 401, a wrong token 403.
 * Tokens are compared as SHA-256 digests with timingSafeEqual, so neither content nor length
 * leaks through timing.
 */
function requireBearer(token: string, realm: string, alsoAccepted?: string): MiddlewareHandler<AppEnv> {
  const expected = digest(token);
  const other = alsoAccepted ? digest(alsoAccepted) : undefined;
  return async (c, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match) {
      c.header('WWW-Authenticate', `Bearer realm="${realm}"`);
      throw HTTP_ERRORS.raise('unauthorized', `${realm} route: send Authorization: Bearer <${realm} token>`);
    }
    const sent = digest(match[1]!.trim());
    // Both compared every time, so which one matched does not show in the timing either.
    const ok = timingSafeEqual(sent, expected);
    const okOther = other ? timingSafeEqual(sent, other) : false;
    if (!ok && !okOther) throw HTTP_ERRORS.raise('forbidden', `wrong ${realm} token`);
    await next();
  };
}

/** True when the Authorization header carries exactly `token` (constant-time, as above). */
export function carriesBearer(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!.trim()), digest(token));
}

/** Staff routes: without a configured STAFF_TOKEN they are off (503). The owner's token opens them too. */
export function staffAuth(staffToken: string | undefined, ownerToken?: string): MiddlewareHandler<AppEnv> {
  const token = staffToken ?? ownerToken;
  if (!token) {
    return async () => {
      throw HTTP_ERRORS.raise('staff_api_disabled', 'staff routes are disabled: STAFF_TOKEN is not configured');
    };
  }
  return requireBearer(token, 'staff', staffToken ? ownerToken : undefined);
}

/** Owner routes (the menu and its prices, reports): without a configured OWNER_TOKEN they are off (503). */
export function ownerAuth(ownerToken: string | undefined): MiddlewareHandler<AppEnv> {
  if (!ownerToken) {
    return async () => {
      throw HTTP_ERRORS.raise('owner_api_disabled', 'owner routes are disabled: OWNER_TOKEN is not configured');
    };
  }
  return requireBearer(ownerToken, 'owner');
}

/**
 * Service-to-service routes (the chat sessions): with INTERNAL_API_TOKEN set only callers
 * holding it get in; unset (the local server, where chat calls in process) they are open.
 */
export function internalAuth(internalToken: string | undefined): MiddlewareHandler<AppEnv> {
  if (!internalToken) return async (_c, next) => next();
  return requireBearer(internalToken, 'internal');
}

/**
 * For routes with a public and a staff view: true only when the request carries the staff
 * token. Anything else (no header, another service's token) just gets the public view.
 */
export function isStaffRequest(staffToken: string | undefined, ownerToken?: string): (authorization: string | undefined) => boolean {
  const token = staffToken ?? ownerToken;
  if (!token) return () => false;
  const expected = digest(token);
  const owner = staffToken && ownerToken ? digest(ownerToken) : undefined;
  return (authorization) => {
    const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
    if (match === null) return false;
    const sent = digest(match[1]!.trim());
    const staff = timingSafeEqual(sent, expected);
    return (owner ? timingSafeEqual(sent, owner) : false) || staff;
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
