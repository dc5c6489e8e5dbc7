import * as v from 'valibot';
import { SessionAliasSchema } from '../../../shared/sessions/session-alias-schema.ts';
import { LEGACY_ERRORS } from './legacy-errors.ts';

/** The legacy UI's own session id (`session_<ms>_<random>`): any printable id up to 128 characters; else 400. */
export function parseLegacySessionId(raw: string): string {
  const result = v.safeParse(SessionAliasSchema, raw);
  if (!result.success) throw LEGACY_ERRORS.raise('invalid_session_id', result.issues[0]!.message);
  return result.output;
}
