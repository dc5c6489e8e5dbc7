import type { MiddlewareHandler } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { AppEnv } from './app-env.ts';

/**
 * Checks `Authorization: Bearer <token>`: missing credentials are 401, a wrong token 403.
 * Tokens are compared as SHA-256 digests with timingSafeEqual, so neither content nor length
 * leaks through timing.
 */
function requireBearer(token: string, realm: string): MiddlewareHandler<AppEnv> {
  const expected = digest(token);
  return async (c, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match) {
      c.header('WWW-Authenticate', `Bearer realm="${realm}"`);
      throw new AppError(401, 'unauthorized', `${realm} route: send Authorization: Bearer <${realm} token>`);
    }
    if (!timingSafeEqual(digest(match[1]!.trim()), expected)) throw new AppError(403, 'forbidden', `wrong ${realm} token`);
    await next();
  };
}

/** True when the Authorization header carries exactly `token` (constant-time, as above). */
export function carriesBearer(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!.trim()), digest(token));
}

/** Staff routes: without a configured STAFF_TOKEN they are off (503). */
export function staffAuth(staffToken: string | undefined): MiddlewareHandler<AppEnv> {
  if (!staffToken) {
    return async () => {
      throw new AppError(503, 'staff_api_disabled', 'staff routes are disabled: STAFF_TOKEN is not configured');
    };
  }
  return requireBearer(staffToken, 'staff');
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
export function isStaffRequest(staffToken: string | undefined): (authorization: string | undefined) => boolean {
  if (!staffToken) return () => false;
  const expected = digest(staffToken);
  return (authorization) => {
    const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
    return match !== null && timingSafeEqual(digest(match[1]!.trim()), expected);
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
