import * as v from 'valibot';
import { baseUrl } from '../config/env.ts';

/** A comma-separated list with a default, e.g. `universal-3-pro,universal-2`. */
export const listWithDefault = (fallback: string) =>
  v.optional(
    v.pipe(
      v.string(),
      v.transform((value) =>
        value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      ),
      v.minLength(1, 'must list at least one value'),
    ),
    fallback,
  );

export const onOff = (fallback: 'on' | 'off') =>
  v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.toLowerCase(),
      v.picklist(['on', 'off', 'true', 'false', '1', '0'], 'must be on or off'),
      v.transform((value) => value === 'on' || value === 'true' || value === '1'),
    ),
    fallback,
  );

export const urlWithDefault = (fallback: string) => v.optional(baseUrl(), fallback);
