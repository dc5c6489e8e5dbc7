import { errorCatalog } from '../../shared/error-catalog.ts';

/** The codes web's pages and /docs answer with, besides the shared HTTP ones (shared/http/http-errors.ts). */
export const WEB_ERRORS = errorCatalog({
  docs_bundle_missing: 503,
});
