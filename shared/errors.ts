import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';

/**
 * An error meant for the client: it carries the HTTP status and the snake_case code of the
 * error shape in DESIGN.md §3. Domain code throws it; the app's one onError renders it.
 * It is made by a catalog (error-catalog.ts), which gives each code its status, or below by
 * rewording one or relaying a sibling's; nothing else calls the constructor
 * (error-catalog.test.ts holds the source to that).
 */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The same error (status, code) with another message and details, e.g. prefixed with the line it is about. */
export function rewordError(error: AppError, message: string, details?: Record<string, unknown>): AppError {
  return new AppError(error.status, error.code, message, details);
}

/** A sibling function's answer passed on as it came: its code is the sibling's catalog's, read off the wire. */
export function relayError(status: ContentfulStatusCode, code: string, message: string, details?: Record<string, unknown>): AppError {
  return new AppError(status, code, message, details);
}

export type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

const ErrorBodySchema = v.object({
  error: v.object({ code: v.string(), message: v.string(), details: v.optional(v.record(v.string(), v.unknown())) }),
});

/** The `error` of a body in the error shape (a sibling's answer); undefined when it is not one. */
export function errorOf(body: unknown): ErrorBody['error'] | undefined {
  const parsed = v.safeParse(ErrorBodySchema, body);
  return parsed.success ? parsed.output.error : undefined;
}

/** What a caught value says: an Error's message, anything else as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A 4xx or 5xx status, one an AppError can carry. */
export function isErrorStatus(status: number): status is ContentfulStatusCode {
  return Number.isInteger(status) && status >= 400 && status < 600;
}

export function toErrorBody(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

/**
 * A SQLite constraint failure that escaped the domain checks (a duplicate key, a foreign key)
 * is the request conflicting with stored data: a 409, never a 500. Other errors: undefined.
 */
export function constraintErrorOf(error: unknown): AppError | undefined {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return undefined;
  return relayError(409, 'conflict', 'the request conflicts with stored data');
}
