// Local twin of the Modal backup cron: copy the snapshot, integrity-check the copy, store
// it as tea_orders-YYYYMMDDTHHMMSSZ.db, keep the newest N. Prints one JSON object.
//   npx tsx scripts/backup.ts [--source ./data/tea_orders.db] [--dir ./data/backups] [--keep 24]
import { parseArgs } from 'node:util';
import { createBackup } from '../shared/db/backup-create.ts';

const USAGE = 'usage: tsx scripts/backup.ts [--source <db>] [--dir <backups dir>] [--keep <n>]';

function fail(code: string, message: string, exitCode: number): never {
  process.stderr.write(`${JSON.stringify({ error: { code, message } })}\n`);
  process.exit(exitCode);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      source: { type: 'string', default: './data/tea_orders.db' },
      dir: { type: 'string', default: './data/backups' },
      keep: { type: 'string', default: '24' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  fail('usage', `${(err as Error).message}\n${USAGE}`, 2);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const keep = Number(values.keep);
if (!Number.isInteger(keep) || keep < 1) fail('usage', `--keep must be an integer >= 1, got ${values.keep}`, 2);

try {
  const result = createBackup({ source: values.source, dir: values.dir, keep });
  process.stdout.write(`${JSON.stringify({ ok: true, source: values.source, ...result })}\n`);
} catch (err) {
  fail('backup_failed', (err as Error).message, 1);
}
