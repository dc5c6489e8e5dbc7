import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, buildWebAssets } from '../../esbuild.config.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the bundles into a private folder under node_modules/.cache, so parallel test files
 * never race on dist/ and the external better-sqlite3 still resolves from the repo.
 */
export async function buildBundlesForTest(label: string): Promise<string> {
  const outdir = join(root, 'node_modules', '.cache', 'tea-test-dist', `${label}-${process.pid}`);
  mkdirSync(outdir, { recursive: true });
  await buildAll(outdir);
  return outdir;
}

let webAssets: Promise<string> | undefined;

/** The web pages' browser bundles, built once per test process, for the web function run from source. */
export function buildWebAssetsForTest(): Promise<string> {
  webAssets ??= (async () => {
    const outdir = join(root, 'node_modules', '.cache', 'tea-test-dist', `web-assets-${process.pid}`);
    await buildWebAssets(outdir);
    return outdir;
  })();
  return webAssets;
}
