// Bundles every functions/<name>/main.ts to dist/<name>.mjs, plus the local server, and ships
// the drizzle migrations beside them. Code splitting puts shared code (hono, node-server's
// WebSocket glue, the domain) in common chunks, so the local server and the functions it
// imports share one copy of each module.
import { build } from 'esbuild';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCALAR_DIST_PATH } from './functions/web/docs/scalar-bundle.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export function findFunctionNames(): string[] {
  return readdirSync(join(root, 'functions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'functions', entry.name, 'main.ts')))
    .map((entry) => entry.name)
    .sort();
}

/** Builds into dist/ (or another folder, e.g. a private one for a test run). */
export async function buildAll(outdir = join(root, 'dist')): Promise<string[]> {
  const names = findFunctionNames();
  rmSync(outdir, { recursive: true, force: true });
  const entryPoints = [
    ...names.map((name) => ({ in: join(root, 'functions', name, 'main.ts'), out: name })),
    { in: join(root, 'scripts', 'local-server.ts'), out: 'local' },
  ];
  await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    external: ['better-sqlite3'],
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    // Some bundled CommonJS packages call require(); give ESM output a real one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  cpSync(join(root, 'drizzle'), join(outdir, 'drizzle'), { recursive: true });
  // The /docs page's Scalar bundle (MIT), served by the web function itself: no CDN.
  cpSync(join(root, 'node_modules/@scalar/api-reference/dist/browser/standalone.js'), join(outdir, SCALAR_DIST_PATH));
  if (names.includes('web')) await buildWebAssets(join(outdir, 'web-assets'));
  return names;
}

export const WEB_PAGES = ['customer', 'staff', 'display', 'owner'];

/** The pages' browser bundles (hono/jsx/dom, one JS and one CSS file per page), served by `web`. */
export async function buildWebAssets(outdir: string): Promise<void> {
  await build({
    entryPoints: [
      ...WEB_PAGES.map((page) => ({ in: join(root, 'functions', 'web', 'client', `${page}-page.tsx`), out: page })),
      // The customer page's microphone AudioWorklet: a module of its own, loaded by addModule().
      { in: join(root, 'functions', 'web', 'client', 'pcm-worklet.ts'), out: 'pcm-worklet' },
    ],
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome109', 'safari15.4', 'firefox115'],
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx/dom',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = await buildAll();
  console.log(`built ${names.map((name) => `dist/${name}.mjs`).join(', ')} and dist/local.mjs`);
}
