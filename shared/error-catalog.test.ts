import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { errorCatalog, joinCatalogs } from './error-catalog.ts';

const root = new URL('..', import.meta.url).pathname;

function* productFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'testing') yield* productFiles(path);
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield path;
  }
}

describe('error catalogs', () => {
  it('raise gives the code the status its catalog names, with message and details', () => {
    const catalog = errorCatalog({ order_not_found: 404, busy: 503 });
    const error = catalog.raise('busy', 'try later', { retryAfterSeconds: 2 });
    expect(error).toBeInstanceOf(AppError);
    expect([error.status, error.code, error.message, error.details]).toEqual([503, 'busy', 'try later', { retryAfterSeconds: 2 }]);
    expect(catalog.raise('order_not_found', 'no such order').status).toBe(404);
  });

  it('joins catalogs, and refuses one code with two statuses', () => {
    const joined = joinCatalogs(errorCatalog({ a_code: 400 }), errorCatalog({ b_code: 409, a_code: 400 }), errorCatalog({ c_code: 503 }));
    expect(joined.statuses).toEqual({ a_code: 400, b_code: 409, c_code: 503 });
    expect(joined.raise('b_code', 'x').status).toBe(409);
    expect(() => joinCatalogs(errorCatalog({ a_code: 400 }), errorCatalog({ a_code: 422 }))).toThrow(/two statuses: 400 and 422/);
  });

  it('no product code builds an AppError itself: every code comes from a catalog', () => {
    const offenders: string[] = [];
    for (const dir of ['functions', 'shared']) {
      for (const path of productFiles(join(root, dir))) {
        const name = relative(root, path);
        if (name === 'shared/errors.ts' || name === 'shared/error-catalog.ts') continue;
        const text = readFileSync(path, 'utf8');
        for (const [index, line] of text.split('\n').entries()) if (/new AppError\(/.test(line)) offenders.push(`${name}:${index + 1}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
