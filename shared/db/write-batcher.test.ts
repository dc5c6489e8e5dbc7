import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createWriteBatcher, type WriteBatcher } from './write-batcher.ts';
import { AsyncJobError } from './write-job.ts';

function setup(options: { maxBatch?: number; afterCommit?: (results: number[]) => void; path?: string } = {}) {
  const sqlite = new Database(options.path ?? ':memory:');
  sqlite.pragma('foreign_keys = ON');
  sqlite.exec(`
    CREATE TABLE parents (id INTEGER PRIMARY KEY);
    CREATE TABLE items (n INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE late (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);
    INSERT INTO parents (id) VALUES (1);
  `);
  const insert = sqlite.prepare('INSERT INTO items (n, name) VALUES (?, ?)');
  const next = sqlite.prepare('SELECT coalesce(max(n), 0) + 1 AS n FROM items').pluck();
  const names = () => sqlite.prepare('SELECT name FROM items ORDER BY n').pluck().all() as string[];
  const commits = vi.fn(options.afterCommit ?? (() => {}));
  const batcher = createWriteBatcher<number>({ sqlite, afterCommit: commits, ...(options.maxBatch ? { maxBatch: options.maxBatch } : {}) });
  /** A job like an order: reads the next number, writes, maybe fails after writing. */
  const add = (name: string, fail?: 'after-write' | 'before-write') =>
    batcher.run(() => {
      if (fail === 'before-write') throw new Error(`bad ${name}`);
      const n = next.get() as number;
      insert.run(n, name);
      if (fail === 'after-write') throw new Error(`bad ${name}`);
      return n;
    });
  return { sqlite, batcher, add, names, commits };
}

const settle = <T>(promises: Promise<T>[]) =>
  Promise.allSettled(promises).then((all) => all.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)));

describe('write batcher', () => {
  it('runs the jobs of one turn in one transaction, in order, each seeing the ones before', async () => {
    const { add, names, commits, batcher } = setup();
    const pending = [add('a'), add('b'), add('c')];
    expect(batcher.pending).toBe(3);
    expect(await Promise.all(pending)).toEqual([1, 2, 3]);
    expect(names()).toEqual(['a', 'b', 'c']);
    expect(commits).toHaveBeenCalledTimes(1);
    expect(commits).toHaveBeenCalledWith([1, 2, 3]);
  });

  it('settles only after the commit', async () => {
    const { add, sqlite } = setup();
    const seen = await add('a').then(() => sqlite.inTransaction);
    expect(seen).toBe(false);
  });

  it('rolls back a failing job alone, whether it failed before or after writing, and numbers the rest without gaps', async () => {
    const { add, names, commits } = setup();
    const results = await settle([add('a'), add('b', 'after-write'), add('c'), add('d', 'before-write'), add('e')]);
    expect(results).toEqual([1, 'bad b', 2, 'bad d', 3]);
    expect(names()).toEqual(['a', 'c', 'e']);
    expect(commits).toHaveBeenCalledTimes(1);
    expect(commits).toHaveBeenCalledWith([1, 2, 3]);
  });

  it('rolls back a job whose statement breaks a constraint, and keeps the others', async () => {
    const { add, names } = setup();
    const results = await settle([add('a'), add('a'), add('b')]);
    expect(results[0]).toBe(1);
    expect(results[1]).toMatch(/UNIQUE constraint failed/);
    expect(results[2]).toBe(2);
    expect(names()).toEqual(['a', 'b']);
  });

  it('a batch of one that fails leaves nothing behind', async () => {
    const { add, names, commits } = setup();
    expect(await settle([add('x', 'after-write')])).toEqual(['bad x']);
    expect(names()).toEqual([]);
    expect(commits).not.toHaveBeenCalled();
  });

  it('fails every job when the COMMIT fails, and commits nothing', async () => {
    const { batcher, add, sqlite, names } = setup();
    const bad = batcher.run(() => {
      sqlite.prepare('INSERT INTO late (id, parent) VALUES (1, 99)').run(); // checked only at COMMIT
      return 0;
    });
    const results = await settle([add('a'), bad, add('b')]);
    expect(results.every((r) => typeof r === 'string' && /FOREIGN KEY/.test(r))).toBe(true);
    expect(names()).toEqual([]);
    expect(sqlite.inTransaction).toBe(false);
  });

  it('fails the batch when the after-commit hook throws (as a throwing post-write hook failed the request)', async () => {
    const { add } = setup({
      afterCommit: () => {
        throw new Error('hook broke');
      },
    });
    expect(await settle([add('a'), add('b')])).toEqual(['hook broke', 'hook broke']);
  });

  it('flushes at maxBatch without waiting for the turn to end', async () => {
    const { add, commits, batcher } = setup({ maxBatch: 2 });
    const pending = [add('a'), add('b'), add('c')];
    expect(commits).toHaveBeenCalledTimes(1);
    expect(batcher.pending).toBe(1);
    expect(await Promise.all(pending)).toEqual([1, 2, 3]);
    expect(commits).toHaveBeenCalledTimes(2);
  });

  it('commits to disk: another connection sees the writes once the promises settle', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'batcher-')), 'b.db');
    const { add, sqlite } = setup({ path });
    sqlite.pragma('journal_mode = WAL');
    await Promise.all([add('a'), add('b')]);
    const other = new Database(path, { readonly: true });
    expect(other.prepare('SELECT count(*) FROM items').pluck().get()).toBe(2);
    other.close();
    sqlite.close();
  });

  it('a job queued by the after-commit hook gets its own turn, even when the hook also calls flush()', async () => {
    let queued: Promise<number> | undefined;
    let settled = false;
    const ctx: { batcher?: WriteBatcher<number> } = {};
    const { add, names, batcher } = setup({
      afterCommit: () => {
        if (queued) return;
        queued = add('from hook');
        void queued.then(() => (settled = true));
        ctx.batcher?.flush(); // reentrant: nothing runs now, and the turn it cancelled must come back
      },
    });
    ctx.batcher = batcher;
    expect(await add('a')).toBe(1);
    for (let i = 0; i < 3 && !settled; i++) await new Promise(setImmediate);
    expect(settled).toBe(true);
    expect(await queued).toBe(2);
    expect(names()).toEqual(['a', 'from hook']);
  });

  it('runs a lone failing job once (no second, isolated attempt)', async () => {
    const { batcher } = setup();
    let runs = 0;
    const failing = batcher.run(() => {
      runs += 1;
      throw new Error('nope');
    });
    await expect(failing).rejects.toThrow('nope');
    expect(runs).toBe(1);
  });

  describe('jobs must be synchronous', () => {
    it('refuses a Promise-returning job in its type, even when the results are unknown', () => {
      const batcher = createWriteBatcher<unknown>({ sqlite: new Database(':memory:') });
      const sync: Promise<{ id: number }> = batcher.run(() => ({ id: 1 })); // a plain job keeps its result type
      // @ts-expect-error an async job's writes after its first await would escape the transaction
      const refused = batcher.run(async () => 1);
      // @ts-expect-error so would a job returning any other Promise
      const alsoRefused = batcher.run(() => Promise.resolve(1));
      return Promise.allSettled([sync, refused, alsoRefused]);
    });

    it('fails a job that returns a thenable at run time and rolls back its writes; the others commit', async () => {
      const { batcher, add, names, sqlite, commits } = setup();
      const insert = sqlite.prepare('INSERT INTO items (n, name) VALUES (?, ?)');
      const sneaky = (() => {
        insert.run(100, 'written before the await');
        return Promise.resolve(100);
      }) as unknown as () => number; // what a cast or `any` lets through
      const thenable = (() => {
        insert.run(101, 'written before returning');
        // biome-ignore lint/suspicious/noThenProperty: the point of the test is a thenable
        return { then: () => {} };
      }) as unknown as () => number;
      const results = await Promise.allSettled([add('a'), batcher.run(sneaky), batcher.run(thenable), add('b')]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      for (const r of results.filter((r) => r.status === 'rejected')) expect(r.reason).toBeInstanceOf(AsyncJobError);
      expect(names()).toEqual(['a', 'b']);
      expect(commits).toHaveBeenCalledWith([1, 2]);
      expect(sqlite.inTransaction).toBe(false);
    });

    it('null and plain functions are results, not thenables; a rejecting async job is not an unhandled rejection', async () => {
      const batcher = createWriteBatcher<unknown>({ sqlite: new Database(':memory:') });
      const fn = () => 1;
      const rejecting = (async () => {
        throw new Error('async failure');
      }) as unknown as () => number;
      const results = await Promise.allSettled([batcher.run(() => null), batcher.run(() => fn), batcher.run(rejecting)]);
      expect(results.slice(0, 2)).toEqual([
        { status: 'fulfilled', value: null },
        { status: 'fulfilled', value: fn },
      ]);
      expect(results[2]).toMatchObject({ status: 'rejected', reason: expect.any(AsyncJobError) });
    });

    it('a lone async job (a batch of one) leaves nothing behind', async () => {
      const { batcher, names, sqlite } = setup();
      const insert = sqlite.prepare('INSERT INTO items (n, name) VALUES (?, ?)');
      const job = (async () => {
        insert.run(1, 'before the await');
      }) as unknown as () => number;
      await expect(batcher.run(job)).rejects.toBeInstanceOf(AsyncJobError);
      expect(names()).toEqual([]);
    });
  });
});
