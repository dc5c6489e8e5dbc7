import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where esbuild.config.ts copies Scalar's standalone browser bundle, beside the function bundles. */
export const SCALAR_DIST_PATH = 'docs-assets/scalar-standalone.js';
const SCALAR_PACKAGE_PATH = 'node_modules/@scalar/api-reference/dist/browser/standalone.js';

/**
 * Scalar's browser bundle (MIT, @scalar/api-reference): in dist/ when running a bundle, in
 * node_modules when running from source. `entryUrl` is the entry module's import.meta.url.
 */
export function locateScalarBundle(entryUrl: string): string | undefined {
  const candidates = [
    new URL(`./${SCALAR_DIST_PATH}`, entryUrl),
    new URL(`../../${SCALAR_PACKAGE_PATH}`, entryUrl),
    new URL(`../${SCALAR_PACKAGE_PATH}`, entryUrl),
  ];
  return candidates.map((url) => fileURLToPath(url)).find((path) => existsSync(path));
}
