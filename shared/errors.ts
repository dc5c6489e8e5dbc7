import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An error meant for the client: it carries the HTTP status and the snake_case code of the
 * error shape in DESIGN.md §3. Domain code throws it; the app's one onError renders it.
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

export type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

export function toErrorBody(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

/**
 * A SQLite constraint failure that escaped the domain checks (a duplicate key, a foreign key)
 * is the request conflicting with stored data: a 409, never a 500. Other errors: undefined.
 */
export function constraintErrorOf(error: unknown): AppError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return undefined;
  return new AppError(409, 'conflict', 'the request conflicts with stored data');
}
