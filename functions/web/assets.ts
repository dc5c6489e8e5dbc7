import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export type Asset = { body: Uint8Array; gzip: Uint8Array; type: string; etag: string };
/** Keyed by file name, e.g. "customer.js". */
export type Assets = Map<string, Asset>;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** Reads the browser bundles once at start and gzips them, so serving is a map lookup. */
export function loadAssets(dir: string): Assets {
  const assets: Assets = new Map();
  if (!existsSync(dir)) return assets;
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = new Uint8Array(readFileSync(join(dir, name)));
    assets.set(name, {
      body,
      gzip: new Uint8Array(gzipSync(body, { level: 9 })),
      type,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    });
  }
  return assets;
}
