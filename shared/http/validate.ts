import type { MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { AppError } from '../errors.ts';
import { HTTP_ERRORS } from './http-errors.ts';
import type { AppEnv } from './app-env.ts';

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;
const MAX_ISSUES = 20;

/** A 400 listing where the input is wrong: paths and expectations, never the input's values. */
export function validationError(issues: readonly v.BaseIssue<unknown>[], where: string): AppError {
  const listed = issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: v.getDotPath(issue) ?? '',
    message: issue.message.replace(/,? but received .*$/s, '').slice(0, 200),
  }));
  const summary = listed.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
  return HTTP_ERRORS.raise('validation_failed', `invalid ${where}: ${summary}`, { issues: listed });
}

/** Parses a JSON body: 415 for another media type, 400 for broken JSON or a schema mismatch. */
export function jsonBody<S extends v.GenericSchema>(
  schema: S,
): MiddlewareHandler<AppEnv, string, { in: { json: v.InferInput<S> }; out: { json: v.InferOutput<S> } }> {
  return async (c, next) => {
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      throw HTTP_ERRORS.raise('unsupported_media_type', 'send the body as application/json');
    }
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch (error) {
      if (error instanceof AppError) throw error; // e.g. 413 from a body that streamed past the limit
      throw HTTP_ERRORS.raise('invalid_json', 'request body is not valid JSON');
    }
    const result = v.safeParse(schema, raw);
    if (!result.success) throw validationError(result.issues, 'body');
    // Hono stores validated data as an object; PUT /menu takes any JSON, which its own parser then judges.
    c.req.addValidatedData('json', result.output as object);
    await next();
  };
}

/** Parses the query string against a schema of string fields. */
export function queryParams<S extends v.GenericSchema>(
  schema: S,
): MiddlewareHandler<AppEnv, string, { in: { query: v.InferInput<S> }; out: { query: v.InferOutput<S> } }> {
  return async (c, next) => {
    const result = v.safeParse(schema, c.req.query());
    if (!result.success) throw validationError(result.issues, 'query');
    // Cast: a query schema is an object of string fields; Hono's store is typed as object.
    c.req.addValidatedData('query', result.output as object);
    await next();
  };
}
