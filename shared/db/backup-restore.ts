// Restore a chosen backup into a database path, after checking it.
import fs from 'node:fs';
import path from 'node:path';
import { listBackups } from './backup-name.ts';
import { copyVerified } from './snapshot-file.ts';

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
  overwrote: boolean;
} {
  const { backup, dbPath } = opts;
  const exists = fs.existsSync(dbPath);
  if (exists && !opts.force) throw new RefusedOverwriteError(dbPath);
  const { bytes } = copyVerified(backup, dbPath);
  return { restored: backup, dbPath, bytes, integrity: 'ok', overwrote: exists };
}
