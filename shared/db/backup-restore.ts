// Restore a chosen backup into a database path, after checking it. A backup is a whole file;
// a snapshot taken off the volume with its segments beside it is rebuilt from them.
import fs from 'node:fs';
import path from 'node:path';
import { listBackups } from './backup-name.ts';
import { type ChainReport, copySnapshot } from './snapshot-chain.ts';

export class RefusedOverwriteError extends Error {
  constructor(readonly dbPath: string) {
    super(
      `${dbPath} already exists; refusing to overwrite a database without --force ` +
        '(stop the service first: a running server keeps writing to its open file)',
    );
    this.name = 'RefusedOverwriteError';
  }
}

export function latestBackup(dir: string): string {
  const names = listBackups(dir);
  const last = names[names.length - 1];
  if (!last) throw new Error(`no backups (tea_orders-*.db) in ${dir}`);
  return path.join(dir, last);
}

export function restoreBackup(opts: { backup: string; dbPath: string; force?: boolean }): {
  restored: string;
  dbPath: string;
  bytes: number;
  integrity: 'ok';
  segments: number;
  brokenChain?: NonNullable<ChainReport['broken']>;
  overwrote: boolean;
} {
  const { backup, dbPath } = opts;
  const exists = fs.existsSync(dbPath);
  if (exists && !opts.force) throw new RefusedOverwriteError(dbPath);
  const { bytes, chain } = copySnapshot(backup, dbPath);
  return {
    restored: backup,
    dbPath,
    bytes,
    integrity: 'ok',
    segments: chain.applied,
    ...(chain.broken ? { brokenChain: chain.broken } : {}),
    overwrote: exists,
  };
}
