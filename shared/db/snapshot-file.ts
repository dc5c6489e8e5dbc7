// File-level helpers shared by the snapshotter, the backup and the restore:
// integrity checks, fsync, and "copy to a temp file, check it, rename it into place".
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { messageOf } from '../errors.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFn = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

export class DatabaseFileError extends Error {
  readonly file: string;

  constructor(message: string, file: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseFileError';
    this.file = file;
  }
}

/** What `PRAGMA integrity_check` answers: one row per finding, `ok` alone when there is none. */
const CheckRowsSchema = v.array(v.record(v.string(), v.string()));

/**
 * Opens `file` and runs `PRAGMA integrity_check` (or `quick_check`). Throws a
 * DatabaseFileError naming the file and SQLite's findings unless the answer is "ok".
 * The file is opened read-write (it is always one of our own temp copies or a
 * writable snapshot), so WAL-mode headers do not need a -shm next to it.
 */
export function checkDatabaseFile(file: string, mode: 'integrity' | 'quick' = 'integrity'): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    const rows = v.parse(CheckRowsSchema, db.pragma(mode === 'integrity' ? 'integrity_check' : 'quick_check', { simple: false }));
    const findings = rows.map((row) => Object.values(row)[0]);
    if (findings.length !== 1 || findings[0] !== 'ok') {
      throw new DatabaseFileError(`SQLite ${mode}_check failed for ${file}: ${findings.slice(0, 5).join('; ')}`, file);
    }
  } catch (err) {
    if (err instanceof DatabaseFileError) throw err;
    throw new DatabaseFileError(`${file} is not a readable SQLite database: ${messageOf(err)}`, file, {
      cause: err,
    });
  } finally {
    db?.close();
  }
}

/** Rewrites the header of a freshly written copy to rollback-journal mode, so it
 * opens anywhere (including read-only mounts) without a -wal/-shm beside it. */
export function setRollbackJournal(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** fsyncFile on the libuv pool, so a big file's flush never blocks the event loop. */
export async function fsyncFileAsync(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsyncDir on the libuv pool (a volume's directory fsync can take a while); best effort too. */
export async function fsyncDirAsync(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort, as fsyncDir
  } finally {
    await handle?.close();
  }
}

/** Makes a rename durable. Some filesystems refuse fsync on a directory; that is not fatal. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // best effort (EISDIR/EINVAL/EPERM on some platforms and FUSE mounts)
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A temp name in the target's own directory, so the final rename never crosses filesystems. */
export function tempPathFor(target: string): string {
  const dir = path.dirname(target);
  const base = path.basename(target);
  return path.join(dir, `.${base}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`);
}

/** Our temp names: `.<base>.<pid>.<ms>.<random>.tmp` (tempPathFor), and SQLite's side files of them. */
export function removeStaleTempFiles(target: string, log: LogFn): void {
  const dir = path.dirname(target);
  const base = path.basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${base}\\.\\d+\\.\\d+\\.[a-z0-9]*\\.tmp(-wal|-shm|-journal)?$`);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.filter((entry) => pattern.test(entry))) {
    fs.rmSync(path.join(dir, name), { force: true });
    log('info', 'removed a stale snapshot temp file', { file: path.join(dir, name) });
  }
}

/** Removes the side files SQLite would otherwise replay into a file that replaces `dbPath`. */
export function removeSideFiles(dbPath: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${dbPath}${suffix}`, { force: true });
}

/** SHA-256 of a file, read in 1 MB chunks (a base snapshot's identity, see snapshot-segment.ts). */
export function hashFileSync(file: string): string {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1 << 20);
  const fd = fs.openSync(file, 'r');
  try {
    for (let read = fs.readSync(fd, chunk, 0, chunk.length, null); read > 0; read = fs.readSync(fd, chunk, 0, chunk.length, null)) {
      hash.update(chunk.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export type CopyOptions = {
  /** `integrity` (default) or the cheaper `quick` check of the copy. */
  check?: 'integrity' | 'quick';
  /** Runs on the private copy before it is checked (the snapshot chain applies its segments here). */
  prepare?: (copy: string) => void;
};

/**
 * Copies `source` next to `target`, checks the copy (not the source, which may change under
 * us), fsyncs it, and renames it over `target`. On any failure the temp file is removed and
 * `target` is untouched.
 */
export function copyVerified(source: string, target: string, options: CopyOptions = {}): { bytes: number } {
  if (!fs.existsSync(source)) throw new DatabaseFileError(`${source} does not exist`, source);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = tempPathFor(target);
  try {
    fs.copyFileSync(source, tmp);
    removeSideFiles(tmp);
    options.prepare?.(tmp);
    checkDatabaseFile(tmp, options.check ?? 'integrity');
    setRollbackJournal(tmp);
    fsyncFile(tmp);
    const { size } = fs.statSync(tmp);
    removeSideFiles(target);
    fs.renameSync(tmp, target);
    fsyncDir(path.dirname(target));
    return { bytes: size };
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    removeSideFiles(tmp);
    if (err instanceof DatabaseFileError && err.file === tmp) {
      throw new DatabaseFileError(err.message.replace(tmp, `copy of ${source}`), source, { cause: err });
    }
    throw err;
  }
}
