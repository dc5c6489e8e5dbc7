import Database from 'better-sqlite3';
import { request as httpRequest } from 'node:http';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { createApp } from './create-app.ts';
import { silentLogger } from './logger.ts';
import { listen } from './serve.ts';
import { jsonBody } from './validate.ts';

/** POSTs `chunks` with Transfer-Encoding: chunked (no Content-Length), as a streaming client would. */
function postChunked(port: number, chunks: string[]) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: '/echo', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
      (res) => {
        let text = '';
        res.on('data', (data: Buffer) => (text += data.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('createApp body limit on chunked bodies', () => {
  it('passes a chunked body within the limit and answers 413 (not invalid_json) past it', async () => {
    const app = createApp({ name: 'test', log: silentLogger, bodyLimitBytes: 1024 });
    app.post('/echo', jsonBody(v.object({ text: v.string() })), (c) => c.json({ length: c.req.valid('json').text.length }));
    const server = await listen(app.fetch, 0, '127.0.0.1');
    try {
      expect(await postChunked(server.port, ['{"text":"', 'x'.repeat(500), '"}'])).toEqual({ status: 200, body: { length: 500 } });
      const big = await postChunked(server.port, ['{"text":"', 'x'.repeat(600), 'x'.repeat(600), '"}']);
      expect(big.status).toBe(413);
      expect(big.body.error.code).toBe('payload_too_large');
    } finally {
      await server.stop();
    }
  });
});

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

describe('createApp toAppError', () => {
  it("renders a function's own errors through the one onError, in the error shape", async () => {
    class Gone extends Error {}
    const app = createApp({
      name: 'test',
      log: silentLogger,
      toAppError: (error) => (error instanceof Gone ? new AppError(408, 'client_closed_request', 'gone') : error),
    });
    app.get('/gone', () => {
      throw new Gone('aborted');
    });
    app.get('/bug', () => {
      throw new Error('bug');
    });
    const gone = await app.request('/gone');
    expect(gone.status).toBe(408);
    expect(await gone.json()).toEqual({ error: { code: 'client_closed_request', message: 'gone' } });
    expect((await app.request('/bug')).status).toBe(500);
  });
});
