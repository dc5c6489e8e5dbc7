// Restore a backup into a database path after checking it. Refuses to overwrite an
// existing database unless --force (stop the server first). Prints one JSON object.
//   npx tsx scripts/restore.ts --backup <file> [--db ./data/tea_orders.db] [--force]
//   npx tsx scripts/restore.ts --latest [--dir ./data/backups] [--db ...] [--force]
import { fail, HELP_FLAG, parseFlags } from './cli.ts';
import { latestBackup, RefusedOverwriteError, restoreBackup } from '../shared/db/backup-restore.ts';

const USAGE = 'usage: tsx scripts/restore.ts (--backup <file> | --latest [--dir <backups dir>]) [--db <path>] [--force]';

const values = parseFlags(
  {
    ...HELP_FLAG,
    backup: { type: 'string' },
    latest: { type: 'boolean', default: false },
    dir: { type: 'string', default: './data/backups' },
    db: { type: 'string', default: './data/tea_orders.db' },
    force: { type: 'boolean', default: false },
  },
  USAGE,
);
if (Boolean(values.backup) === values.latest) fail('usage', `give exactly one of --backup or --latest\n${USAGE}`, 2);

try {
  const backup = values.backup ?? latestBackup(values.dir);
  const result = restoreBackup({ backup, dbPath: values.db, force: values.force });
  process.stdout.write(`${JSON.stringify({ ok: true, ...result })}\n`);
} catch (err) {
  if (err instanceof RefusedOverwriteError) fail('db_exists', err.message, 1);
  fail('restore_failed', (err as Error).message, 1);
}
