import * as v from 'valibot';

export type Env = Record<string, string | undefined>;

/** Thrown at start when a variable is wrong; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the variables one concern needs. Empty strings count as unset, so `FOO=` in a
 * Modal secret behaves like no FOO at all.
 */
export function parseEnv<S extends v.ObjectSchema<v.ObjectEntries, undefined>>(schema: S, env: Env): v.InferOutput<S> {
  const present = Object.fromEntries(Object.keys(schema.entries).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const result = v.safeParse(schema, present);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => {
    const key = v.getDotPath(issue) ?? '?';
    return `${key}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}

// Small building blocks for env schemas.

export const optionalString = () => v.optional(v.pipe(v.string(), v.trim(), v.minLength(1)));

/** A base URL, trimmed and without a trailing slash. */
export const baseUrl = () =>
  v.pipe(
    v.string(),
    v.trim(),
    v.url('must be a URL like https://host/path'),
    v.transform((url) => url.replace(/\/+$/, '')),
  );

export const optionalUrl = () => v.optional(baseUrl());

export const intFromString = (fallback: number, min: number, max: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.regex(/^-?\d+$/, 'must be an integer'),
      v.transform(Number),
      v.minValue(min, `must be ${min}..${max}`),
      v.maxValue(max, `must be ${min}..${max}`),
    ),
    String(fallback),
  );

export const numberFromString = (fallback: number, min: number, max: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.regex(/^-?\d+(\.\d+)?$/, 'must be a number'),
      v.transform(Number),
      v.minValue(min, `must be ${min}..${max}`),
      v.maxValue(max, `must be ${min}..${max}`),
    ),
    String(fallback),
  );

export const listFromString = () =>
  v.optional(
    v.pipe(
      v.string(),
      v.transform((value) =>
        value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      ),
    ),
    '',
  );
