// `npm start`: build dist/ if it is missing or older than the sources, then run the local server.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildAll } from '../esbuild.config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist', 'local.mjs');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['functions', 'shared', 'drizzle', 'scripts'].map((dir) => join(root, dir));
const stale = !existsSync(bundle) || Math.max(...sources.map(newestSource)) > statSync(bundle).mtimeMs;
if (stale) {
  process.stderr.write('building dist/ …\n');
  await buildAll();
}
const { runLocalServer } = (await import(pathToFileURL(bundle).href)) as { runLocalServer: (env: NodeJS.ProcessEnv) => Promise<void> };
await runLocalServer(process.env);
