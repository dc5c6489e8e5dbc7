import * as v from 'valibot';
import { LangSchema } from '../lang.ts';

const MAX_ALIAS_LENGTH = 128;

/** An outside client's own session id: printable, at most 128 characters. */
export const SessionAliasSchema = v.pipe(
  v.string('session id must be a string'),
  v.minLength(1, 'session id must not be empty'),
  v.maxLength(MAX_ALIAS_LENGTH, `session id must be at most ${MAX_ALIAS_LENGTH} characters`),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  v.regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, 'session id must not contain control characters'),
);

/** POST /sessions/aliases: the session behind `alias`, created on first use; `fresh` starts over. */
export const SessionAliasRequestSchema = v.object({
  alias: SessionAliasSchema,
  fresh: v.optional(v.boolean('fresh must be true or false'), false),
  lang: v.optional(LangSchema),
});
export type SessionAliasRequest = v.InferInput<typeof SessionAliasRequestSchema>;
