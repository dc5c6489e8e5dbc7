// The real limit for bench:orders: a bare node:http server doing one single-row SQLite insert
// per POST with better-sqlite3 — no framework, no validation, no pricing. Plain JavaScript so it
// runs in plain `node` (no loader), with an append-only INTEGER PRIMARY KEY (rowid: every insert
// lands on the last page of one b-tree) and the same pragmas as shared/db/open-db.ts.
import Database from 'better-sqlite3';
import { createServer } from 'node:http';

const db = new Database(process.env.DB_PATH ?? ':memory:');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');
db.exec('CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO orders (body, created_at) VALUES (?, ?)');

const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const { lastInsertRowid } = insert.run(body, new Date().toISOString());
    const out = JSON.stringify({ id: Number(lastInsertRowid) });
    res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
    res.end(out);
  });
});
// Port 0 by default: the kernel picks a free port and the parent reads it from this line.
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
