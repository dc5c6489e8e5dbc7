import { errorCatalog } from '../error-catalog.ts';

/** The codes the shared HTTP layer answers on any function's routes (create-app, validate, auth, limits). */
export const HTTP_ERRORS = errorCatalog({
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  client_closed_request: 408,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  owner_api_disabled: 503,
  shutting_down: 503,
  staff_api_disabled: 503,
});
