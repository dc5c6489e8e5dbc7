// Runs the per-snapshot header rewrite and quick_check in a worker thread: both read the
// whole copy, so on the event loop they would block every route for time that grows with
// the file (about 60 ms per 70 MB measured; see README "Snapshots and the event loop").
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { DatabaseFileError } from './snapshot-file.ts';

// Plain CommonJS so it needs no bundling: the worker loads better-sqlite3 from the path the
// main thread resolved, which is right both under tsx and in the esbuild bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('journal_mode = DELETE');
  const rows = db.pragma('quick_check', { simple: false });
  const findings = rows.map((row) => Object.values(row)[0]);
  if (findings.length !== 1 || findings[0] !== 'ok') {
    parentPort.postMessage({ error: 'SQLite quick_check failed for ' + workerData.file + ': ' + findings.slice(0, 5).join('; ') });
  } else {
    parentPort.postMessage({ ok: true });
  }
} catch (err) {
  parentPort.postMessage({ error: workerData.file + ' is not a readable SQLite database: ' + err.message });
} finally {
  if (db) db.close();
}
`;

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

/** setRollbackJournal + checkDatabaseFile(file, 'quick'), off the event loop. */
export function checkSnapshotOffThread(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath } });
    let settled = false;
    worker.once('message', (msg: { ok?: true; error?: string }) => {
      settled = true;
      if (msg.ok) resolve();
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
