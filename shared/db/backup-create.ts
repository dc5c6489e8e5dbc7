// One backup: rebuild the snapshot (its base and the segments of its generation) into a copy,
// integrity-check it, store it under a dated name, keep the newest `keep`. The Modal cron
// (modal/backup_job.py) does exactly the same.
import fs from 'node:fs';
import path from 'node:path';
import { formatBackupName, listBackups } from './backup-name.ts';
import { type ChainReport, copySnapshot } from './snapshot-chain.ts';

export type BackupResult = {
  backup: string;
  bytes: number;
  integrity: 'ok';
  /** Segments applied on top of the base, and where the chain stopped if it was not whole. */
  segments: number;
  brokenChain?: NonNullable<ChainReport['broken']>;
  kept: string[];
  deleted: string[];
};

export function createBackup(opts: { source: string; dir: string; keep: number; now?: Date }): BackupResult {
  const { source, dir } = opts;
  if (!Number.isInteger(opts.keep) || opts.keep < 1) throw new RangeError(`keep must be an integer >= 1, got ${opts.keep}`);
  fs.mkdirSync(dir, { recursive: true });
  const backup = path.join(dir, formatBackupName(opts.now ?? new Date()));
  const { bytes, chain } = copySnapshot(source, backup);
  const { kept, deleted } = pruneBackups(dir, opts.keep);
  return { backup, bytes, integrity: 'ok', segments: chain.applied, ...(chain.broken ? { brokenChain: chain.broken } : {}), kept, deleted };
}

/** Deletes all but the newest `keep` backups in `dir`. Only files with the backup name pattern are touched. */
export function pruneBackups(dir: string, keep: number): { kept: string[]; deleted: string[] } {
  const all = listBackups(dir);
  const cut = Math.max(0, all.length - keep);
  const deleted = all.slice(0, cut);
  for (const name of deleted) fs.rmSync(path.join(dir, name), { force: true });
  return { kept: all.slice(cut), deleted };
}
