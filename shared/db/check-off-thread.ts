// Runs a new base snapshot's header rewrite, quick_check and SHA-256 (its generation, see
// snapshot-segment.ts) in a worker thread: each reads the whole copy, so on the event loop they
// would block every route for time that grows with the file (about 60 ms per 70 MB measured
// for the first two; see README "Snapshots and the event loop").
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { DatabaseFileError } from './snapshot-file.ts';

// Plain CommonJS so it needs no bundling: the worker loads better-sqlite3 from the path the
// main thread resolved, which is right both under tsx and in the esbuild bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Database = require(workerData.driver);
function sha256(file) {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1 << 20);
  const fd = fs.openSync(file, 'r');
  try {
    for (let n = fs.readSync(fd, chunk, 0, chunk.length, null); n > 0; n = fs.readSync(fd, chunk, 0, chunk.length, null)) hash.update(chunk.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('journal_mode = DELETE');
  const rows = db.pragma('quick_check', { simple: false });
  const findings = rows.map((row) => Object.values(row)[0]);
  if (findings.length !== 1 || findings[0] !== 'ok') {
    parentPort.postMessage({ error: 'SQLite quick_check failed for ' + workerData.file + ': ' + findings.slice(0, 5).join('; ') });
  } else {
    db.close();
    db = undefined;
    parentPort.postMessage({ ok: true, hash: sha256(workerData.file) });
  }
} catch (err) {
  parentPort.postMessage({ error: workerData.file + ' is not a readable SQLite database: ' + err.message });
} finally {
  if (db) db.close();
}
`;

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

/** setRollbackJournal + checkDatabaseFile(file, 'quick') + hashFileSync(file), off the event loop. */
export function checkSnapshotOffThread(file: string): Promise<{ hash: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath } });
    let settled = false;
    worker.once('message', (msg: { ok?: true; hash?: string; error?: string }) => {
      settled = true;
      if (msg.ok && msg.hash) resolve({ hash: msg.hash });
      else reject(new DatabaseFileError(msg.error ?? `check of ${file} failed`, file));
    });
    worker.once('error', (err) => {
      if (settled) return;
      settled = true;
      reject(new DatabaseFileError(`${file} could not be checked: ${err.message}`, file, { cause: err }));
    });
    worker.once('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new DatabaseFileError(`the check of ${file} stopped (exit ${code})`, file));
    });
  });
}
