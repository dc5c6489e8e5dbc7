import { errorCatalog, joinCatalogs } from '../../../shared/error-catalog.ts';

/**
 * The codes the /legacy routes raise themselves. validation_failed is 422 here, not the shared
 * 400: the original's FastAPI answered 422 for a missing or malformed field, and its UIs expect
 * that. Only the legacy rows use this catalog.
 */
export const LEGACY_ERRORS = errorCatalog({
  validation_failed: 422,
  invalid_session_id: 400,
  // A sibling the layer could not reach (service-caller.ts).
  chat_unreachable: 502,
  stt_unreachable: 502,
  tts_unreachable: 502,
  chat_unavailable: 503,
  stt_unavailable: 503,
  tts_unavailable: 503,
  chat_timeout: 504,
  stt_timeout: 504,
  tts_timeout: 504,
});

/**
 * Codes of the siblings' answers that the legacy routes pass on as they came (relayError,
 * asOrderServiceAppError): listed so the document shows them; their statuses are the siblings'.
 */
export const PASSED_ON_ERRORS = errorCatalog({
  session_not_found: 404,
  version_conflict: 409,
  item_sold_out: 409,
  empty_cart: 422,
  draft_incomplete: 422,
  order_service_unavailable: 503,
  agent_unavailable: 503,
  menu_changing: 503,
  client_gone: 503,
  // Documented since the first version; nothing raises them (order failures arrive as order_service_unavailable).
  order_unreachable: 502,
  order_unavailable: 503,
  order_timeout: 504,
});

/** What the legacy rows may list (shared/http/route-table.ts adds the shared HTTP codes). */
export const LEGACY_ROUTE_ERRORS = joinCatalogs(LEGACY_ERRORS, PASSED_ON_ERRORS);
