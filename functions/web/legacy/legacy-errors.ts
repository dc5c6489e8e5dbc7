import { errorCatalog, joinCatalogs } from '../../../shared/error-catalog.ts';
import { CHAT_ERRORS } from '../../../shared/agent/chat-errors.ts';
import { ORDER_CLIENT_ERRORS } from '../../../shared/order-client/order-client-errors.ts';
import { ORDER_ERRORS } from '../../../shared/orders/order-errors.ts';
import { SPEECH_ERRORS } from '../../../shared/speech/speech-errors.ts';

/**
 * The codes the /legacy routes raise themselves. validation_failed is 422 here, not the shared
 * 400: the original's FastAPI answered 422 for a missing or malformed field, and its UIs expect
 * that. Only the legacy rows use this catalog.
 */
const OWN_ERRORS = errorCatalog({
  validation_failed: 422,
  invalid_session_id: 400,
  // A sibling the layer could not reach or has no URL for (service-caller.ts); stt_unavailable
  // and tts_unavailable are the speech functions' own codes, so a client reads one meaning.
  chat_unreachable: 502,
  stt_unreachable: 502,
  tts_unreachable: 502,
  chat_unavailable: 503,
  chat_timeout: 504,
  stt_timeout: 504,
  tts_timeout: 504,
});

/**
 * What the legacy layer answers: its own codes, and the siblings' answers it passes on as they
 * came (relayError, asOrderServiceAppError), from the siblings' catalogs.
 */
export const LEGACY_ERRORS = joinCatalogs(OWN_ERRORS, SPEECH_ERRORS, ORDER_ERRORS, CHAT_ERRORS, ORDER_CLIENT_ERRORS);
