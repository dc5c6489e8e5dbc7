// Dated backup file names: tea_orders-YYYYMMDDTHHMMSSZ.db (UTC). They sort by time as
// plain strings; modal/backup_job.py uses the same format.
import fs from 'node:fs';

const BACKUP_NAME = /^tea_orders-(\d{8}T\d{6}Z)\.db$/;

export function formatBackupName(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `tea_orders-${stamp}.db`;
}

export function isBackupName(name: string): boolean {
  return BACKUP_NAME.test(name);
}

/** Backup file names in `dir`, oldest first. A missing directory has none. */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter(isBackupName).sort();
}
