import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from './spawn-bundle.ts';

export type LocalShop = { url: string; port: number; staffToken: string; ownerToken: string; dir: string; stop(): Promise<void> };

/**
 * The built dist/local.mjs (what `npm start` runs), in this process, on a free port and a fresh
 * database; or, to restart a shop, on `again`'s port, folder and token.
 */
export async function startBuiltShop(distDir: string, env: Record<string, string> = {}, again?: LocalShop): Promise<LocalShop> {
  const dir = again?.dir ?? mkdtempSync(join(tmpdir(), 'tea-shop-'));
  const staffToken = again?.staffToken ?? `staff-${Math.random().toString(36).slice(2)}-token-0123456789`;
  const ownerToken = again?.ownerToken ?? `owner-${Math.random().toString(36).slice(2)}-token-0123456789`;
  const module = (await import(pathToFileURL(join(distDir, 'local.mjs')).href)) as {
    startLocalServer(env: Record<string, string>, distDir: string): Promise<{ url: string; port: number; stop(): Promise<void> }>;
  };
  const started = await module.startLocalServer(
    {
      HOST: '127.0.0.1',
      PORT: String(again?.port ?? (await freePort())),
      DB_PATH: join(dir, 'orders.db'),
      STAFF_TOKEN: staffToken,
      OWNER_TOKEN: ownerToken,
      LOG_LEVEL: 'error',
      ...env,
    },
    distDir,
  );
  return { url: started.url, port: started.port, staffToken, ownerToken, dir, stop: started.stop };
}
