import * as v from 'valibot';

const CUSTOMER_NAME_MAX_CHARS = 40;

// Control characters (C0, DEL, C1), format characters (bidi overrides and isolates, zero-width
// joiners, BOM…), lone surrogates, private-use and unassigned code points, and line/paragraph
// separators: none of them belongs in a name called out at the counter or shown on a board.
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;

/**
 * A customer's name: trimmed, NFC-normalised, printable characters only, 1..40 characters
 * (code points, after normalisation). Anything else is a 400.
 */
export const CustomerNameSchema = v.pipe(
  v.string('customerName must be a string'),
  v.trim(),
  v.transform((name) => name.normalize('NFC')),
  v.minLength(1, 'customerName must not be empty'),
  v.check((name) => !NOT_PRINTABLE.test(name), 'customerName may hold printable characters only (no control or bidi characters)'),
  v.check((name) => [...name].length <= CUSTOMER_NAME_MAX_CHARS, `customerName is at most ${CUSTOMER_NAME_MAX_CHARS} characters`),
);
