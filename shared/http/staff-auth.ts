import type { MiddlewareHandler } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { AppEnv } from './app-env.ts';

/**
 * Staff routes need `Authorization: Bearer <STAFF_TOKEN>`. Without a configured token they are
 * off (503), missing credentials are 401, a wrong token 403. Tokens are compared as SHA-256
 * digests with timingSafeEqual, so neither content nor length leaks through timing.
 */
export function staffAuth(staffToken: string | undefined): MiddlewareHandler<AppEnv> {
  const expected = staffToken ? digest(staffToken) : undefined;
  return async (c, next) => {
    if (!expected) throw new AppError(503, 'staff_api_disabled', 'staff routes are disabled: STAFF_TOKEN is not configured');
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) {
      c.header('WWW-Authenticate', 'Bearer realm="staff"');
      throw new AppError(401, 'unauthorized', 'staff route: send Authorization: Bearer <staff token>');
    }
    if (!timingSafeEqual(digest(match[1]!.trim()), expected)) throw new AppError(403, 'forbidden', 'wrong staff token');
    await next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
