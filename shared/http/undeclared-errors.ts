import type { MiddlewareHandler } from 'hono';
import { errorOf } from '../errors.ts';
import type { AppEnv } from './app-env.ts';

// A route that answers with an error code its document does not list has drifted from its
// row. Every answer is checked against the row's documented codes: a stray one is logged
// (`undeclared_error_code`, visible in `modal app logs`) and held here, and the test suite's
// setup (vitest.setup.ts) fails any test file that produced one. So the ~1,400 tests that
// exercise real error paths are what keeps each row's `errors` list honest.

const undeclared: string[] = [];

/** Watches one route's answers: `documented` is every code its OpenAPI operation lists. */
export function watchUndeclaredErrors(documented: ReadonlySet<string>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // The path as registered, with any prefix the row was mounted under (/legacy/...).
    const { method, routePath: path } = c.req;
    await next();
    if (c.res.status < 400 || !c.res.headers.get('content-type')?.includes('application/json')) return;
    const body: unknown = await c.res
      .clone()
      .json()
      .catch(() => undefined);
    const code = errorOf(body)?.code;
    if (code === undefined || documented.has(code)) return;
    undeclared.push(`${method} ${path} answered ${c.res.status} ${code}`);
    c.get('log').warn('undeclared_error_code', { method, route: path, status: c.res.status, code });
  };
}

/** The stray answers seen since the last call, and forgets them. */
export function takeUndeclaredErrors(): string[] {
  return undeclared.splice(0);
}
