// Without snapshots (npm start on a laptop, any run without DB_SNAPSHOT_PATH), SQLite's automatic
// checkpoint runs inside the commit that crosses 1000 WAL pages: it copies them into the
// database file and fsyncs it, on the event loop (one commit took 328 ms at 500k orders,
// bench:history). Here a worker thread's own connection checkpoints instead, PASSIVE so it never
// waits for or blocks a writer, and the main connection's automatic checkpoint is off. If the
// worker dies, the automatic checkpoint comes back, so the WAL never grows without bound.
// (With snapshots the snapshotter owns checkpoints: it must read the WAL before each one.)
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS, as in check-off-thread.ts: no bundling, better-sqlite3 from the main thread's path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

export type BackgroundCheckpoints = { stop(): Promise<void>; stopNow(): void };

export function startBackgroundCheckpoints(sqlite: Database.Database, file: string, everyMs = 1000): BackgroundCheckpoints {
  sqlite.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath, everyMs } });
  worker.unref(); // never what keeps the process alive
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const restore = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  };
  worker.once('error', restore);
  worker.once('exit', () => {
    if (!stopping) restore();
  });
  return {
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      await exited;
      restore();
    },
    /** The forced exit: the worker is ended at once, whatever it is doing (a checkpoint is safe to cut). */
    stopNow() {
      stopping = true;
      void worker.terminate();
    },
  };
}
