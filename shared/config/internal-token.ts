import * as v from 'valibot';

/**
 * INTERNAL_API_TOKEN, the bearer token siblings share (chat → order's /sessions…, web's /legacy
 * naming its end client): one rule for every function that reads it, so all of them accept
 * or refuse the same value.
 */
export const InternalTokenSchema = v.optional(v.pipe(v.string(), v.trim(), v.minLength(16, 'must be at least 16 characters')));
