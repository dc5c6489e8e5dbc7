import { errorCatalog } from '../error-catalog.ts';

/** Codes of the speech functions (stt, tts) and of the audio uploads they read. */
export const SPEECH_ERRORS = errorCatalog({
  missing_audio: 400,
  empty_audio: 400,
  invalid_audio: 400,
  invalid_multipart: 400,
  audio_too_large: 413,
  audio_too_long: 413,
  unsupported_media_type: 415,
  format_unavailable: 422,
  upstream_error: 502,
  busy: 503,
  streaming_unavailable: 503,
  stt_unavailable: 503,
  tts_unavailable: 503,
});
