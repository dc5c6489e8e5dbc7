import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApp } from './create-app.ts';
import { silentLogger } from './logger.ts';

describe('createApp error shape', () => {
  it('answers a SQLite constraint failure as 409 conflict, never 500', async () => {
    const sqlite = new Database(':memory:');
    sqlite.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    const app = createApp({ name: 'test', log: silentLogger });
    app.post('/t', (c) => {
      sqlite.prepare('INSERT INTO t (id) VALUES (?)').run('same');
      return c.json({ ok: true }, 201);
    });
    expect((await app.request('/t', { method: 'POST' })).status).toBe(201);
    const again = await app.request('/t', { method: 'POST' });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: { code: 'conflict', message: 'the request conflicts with stored data' } });
    sqlite.close();
  });
});
