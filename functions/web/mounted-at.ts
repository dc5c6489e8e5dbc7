import { Hono } from 'hono';
import type { AppEnv } from '../../shared/http/app-env.ts';
import type { RouteRow } from '../../shared/http/route-table.ts';

/**
 * The rows of a sub-app served under `prefix`, as app.route(prefix, …) would serve them: each is
 * documented with its full path and registered on its own Hono routed under the prefix. When
 * `depsOf` gives nothing (web without the legacy clients) the rows are documented, not served.
 */
export function mountedAt<Outer, Inner>(prefix: string, rows: RouteRow<Inner>[], depsOf: (deps: Outer) => Inner | undefined): RouteRow<Outer>[] {
  return rows.map((row) => ({
    doc: { ...row.doc, path: row.doc.path === '/' ? prefix : `${prefix}${row.doc.path}` },
    mount(app, deps, guards) {
      const inner = depsOf(deps);
      if (inner === undefined) return;
      const sub = new Hono<AppEnv>();
      row.mount(sub, inner, guards);
      app.route(prefix, sub);
    },
  }));
}
