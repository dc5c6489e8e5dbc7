import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from './errors.ts';

// Every error code has one home: a catalog that gives it its status. Code raises errors only
// through a catalog (`errors.raise('order_not_found', …)`), so a code that is not in it does
// not compile, and a route's documented error list is a list of codes whose statuses come
// from here (shared/http/route-table.ts).

export type ErrorTable = Record<string, ContentfulStatusCode>;

export type ErrorCatalog<Code extends string> = {
  readonly statuses: Readonly<Record<Code, ContentfulStatusCode>>;
  /** The AppError for `code`, with the status the catalog gives it. */
  raise(code: Code, message: string, details?: Record<string, unknown>): AppError;
};

export type CodeOf<C> = C extends ErrorCatalog<infer Code> ? Code : never;

export function errorCatalog<const T extends ErrorTable>(table: T): ErrorCatalog<keyof T & string> {
  const statuses: Readonly<Record<keyof T & string, ContentfulStatusCode>> = table;
  return {
    statuses,
    raise: (code, message, details) => new AppError(statuses[code], code, message, details),
  };
}

/** One catalog holding the codes of several (a function's own plus the ones it relays); a code may not have two statuses. */
export function joinCatalogs<const Catalogs extends ErrorCatalog<string>[]>(...catalogs: Catalogs): ErrorCatalog<CodeOf<Catalogs[number]>> {
  const statuses: Record<string, ContentfulStatusCode> = {};
  for (const catalog of catalogs) {
    for (const [code, status] of Object.entries<ContentfulStatusCode>(catalog.statuses)) {
      if (statuses[code] !== undefined && statuses[code] !== status) throw new Error(`error code ${code} has two statuses: ${statuses[code]} and ${status}`);
      statuses[code] = status;
    }
  }
  return errorCatalog(statuses);
}
