// Local twin of the Modal backup cron: copy the snapshot, integrity-check the copy, store
// it as tea_orders-YYYYMMDDTHHMMSSZ.db, keep the newest N. Prints one JSON object.
//   npx tsx scripts/backup.ts [--source ./data/tea_orders.db] [--dir ./data/backups] [--keep 24]
import { fail, HELP_FLAG, parseFlags } from './cli.ts';
import { createBackup } from '../shared/db/backup-create.ts';

const USAGE = 'usage: tsx scripts/backup.ts [--source <db>] [--dir <backups dir>] [--keep <n>]';

const values = parseFlags(
  {
    ...HELP_FLAG,
    source: { type: 'string', default: './data/tea_orders.db' },
    dir: { type: 'string', default: './data/backups' },
    keep: { type: 'string', default: '24' },
  },
  USAGE,
);
const keep = Number(values.keep);
if (!Number.isInteger(keep) || keep < 1) fail('usage', `--keep must be an integer >= 1, got ${values.keep}`, 2);

try {
  const result = createBackup({ source: values.source, dir: values.dir, keep });
  process.stdout.write(`${JSON.stringify({ ok: true, source: values.source, ...result })}\n`);
} catch (err) {
  fail('backup_failed', (err as Error).message, 1);
}
