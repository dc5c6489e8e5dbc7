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
