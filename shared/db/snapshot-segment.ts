// Segments: the pages that changed since the previous segment, as a small whole SQLite
// database beside the base snapshot (`tea_orders.db.seg-<generation>-<seq>`), so every file on
// the volume opens on its own (DESIGN.md §2). modal/backup_job.py reads the same format.
//   meta(format, generation, seq, base_hash, page_size, db_pages, page_count, checksum, created_at)
//   pages(pgno INTEGER PRIMARY KEY, data BLOB)  -- the page's newest committed image
// `checksum` is SHA-256 over db_pages, then each page's number and bytes in page order (all
// numbers 4-byte big-endian); `base_hash` is SHA-256 of the base file the chain applies to.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { messageOf } from '../errors.ts';

export const SEGMENT_FORMAT = 1;

export type SegmentMeta = {
  generation: string;
  seq: number;
  baseHash: string;
  pageSize: number;
  dbPages: number;
};

export type Segment = SegmentMeta & { pages: Array<[number, Buffer]> };

export class SegmentError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'SegmentError';
  }
}

/** The generation of a base: the first 16 hex digits of its SHA-256, so a name binds to its base. */
export const generationOf = (baseHash: string) => baseHash.slice(0, 16);

export function segmentPath(snapshotPath: string, generation: string, seq: number): string {
  return `${snapshotPath}.seg-${generation}-${String(seq).padStart(8, '0')}`;
}

export type SegmentFile = { file: string; generation: string; seq: number };

/** Every segment file beside `snapshotPath`, by generation then sequence. */
export function listSegments(snapshotPath: string): SegmentFile[] {
  const dir = path.dirname(snapshotPath);
  const prefix = `${path.basename(snapshotPath)}.seg-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const found: SegmentFile[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^([0-9a-f]{16})-(\d{8})$/.exec(name.slice(prefix.length));
    if (match) found.push({ file: path.join(dir, name), generation: match[1]!, seq: Number(match[2]) });
  }
  return found.sort((a, b) => a.generation.localeCompare(b.generation) || a.seq - b.seq);
}

export function pagesChecksum(dbPages: number, pages: Array<[number, Buffer]>): string {
  const hash = createHash('sha256');
  const word = Buffer.alloc(4);
  word.writeUInt32BE(dbPages);
  hash.update(word);
  for (const [pgno, data] of pages) {
    word.writeUInt32BE(pgno);
    hash.update(word);
    hash.update(data);
  }
  return hash.digest('hex');
}

/**
 * Writes a segment database to `file` (a temp name; the caller fsyncs and renames it).
 * No journal file and no fsync here: the file is nobody's until it is renamed, and it is renamed
 * only after the fsync. Returns its size in bytes.
 */
export function writeSegmentFile(file: string, meta: SegmentMeta, pages: Map<number, Buffer>): number {
  const sorted = [...pages].sort((a, b) => a[0] - b[0]);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = MEMORY'); // OFF is refused in better-sqlite3's defensive mode
    db.pragma('synchronous = OFF');
    db.exec(
      'CREATE TABLE meta (format INTEGER NOT NULL, generation TEXT NOT NULL, seq INTEGER NOT NULL, base_hash TEXT NOT NULL, ' +
        'page_size INTEGER NOT NULL, db_pages INTEGER NOT NULL, page_count INTEGER NOT NULL, checksum TEXT NOT NULL, created_at TEXT NOT NULL);' +
        'CREATE TABLE pages (pgno INTEGER PRIMARY KEY, data BLOB NOT NULL);',
    );
    const insert = db.prepare('INSERT INTO pages (pgno, data) VALUES (?, ?)');
    db.transaction(() => {
      db.prepare('INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        SEGMENT_FORMAT,
        meta.generation,
        meta.seq,
        meta.baseHash,
        meta.pageSize,
        meta.dbPages,
        sorted.length,
        pagesChecksum(meta.dbPages, sorted),
        new Date().toISOString(),
      );
      for (const [pgno, data] of sorted) insert.run(pgno, data);
    })();
  } finally {
    db.close();
  }
  return fs.statSync(file).size;
}

const MetaRowSchema = v.object({
  format: v.number(),
  generation: v.string(),
  seq: v.number(),
  base_hash: v.string(),
  page_size: v.number(),
  db_pages: v.number(),
  page_count: v.number(),
  checksum: v.string(),
});
const PageRowSchema = v.tuple([v.number(), v.instance(Buffer)]);

/** Opens a segment read-only and checks it whole: its meta row, its page count and its checksum. */
export function readSegmentFile(file: string): Segment {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const meta = db.prepare('SELECT * FROM meta').all();
    if (meta.length !== 1) throw new SegmentError(`${file} has ${meta.length} meta rows`, file);
    const row = v.parse(MetaRowSchema, meta[0]);
    if (row.format !== SEGMENT_FORMAT) throw new SegmentError(`${file} is segment format ${row.format}, expected ${SEGMENT_FORMAT}`, file);
    const pages = db
      .prepare('SELECT pgno, data FROM pages ORDER BY pgno')
      .raw()
      .all()
      .map((raw): [number, Buffer] => {
        const [pgno, data] = v.parse(PageRowSchema, raw);
        return [pgno, Buffer.from(data)];
      });
    if (pages.length !== row.page_count) throw new SegmentError(`${file} holds ${pages.length} pages, its meta says ${row.page_count}`, file);
    if (pages.some(([, data]) => data.length !== row.page_size)) throw new SegmentError(`${file} holds a page that is not ${row.page_size} bytes`, file);
    if (pagesChecksum(row.db_pages, pages) !== row.checksum) throw new SegmentError(`${file} fails its checksum`, file);
    return { generation: row.generation, seq: row.seq, baseHash: row.base_hash, pageSize: row.page_size, dbPages: row.db_pages, pages };
  } catch (err) {
    if (err instanceof SegmentError) throw err;
    throw new SegmentError(`${file} is not a readable segment: ${messageOf(err)}`, file);
  } finally {
    db?.close();
  }
}
