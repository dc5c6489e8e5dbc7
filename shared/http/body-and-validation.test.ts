import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createApp } from './create-app.ts';
import { silentLogger } from './logger.ts';
import { rateLimited } from './rate-limit.ts';
import { readBodyWithin } from './read-body-within.ts';
import { jsonBody, queryParams } from './validate.ts';

function streamOf(chunks: string[]) {
  let cancelled = false;
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[sent];
      sent += 1;
      if (chunk === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(chunk));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled, sent: () => sent };
}

describe('readBodyWithin', () => {
  const tooLarge = (bytes: number) => new Error(`too large: ${bytes}`);

  it('joins the chunks of a body up to and at the limit; no body is empty', async () => {
    const { stream } = streamOf(['ab', 'cde', 'f']);
    expect(new TextDecoder().decode(await readBodyWithin(stream, 6, tooLarge))).toBe('abcdef');
    expect(await readBodyWithin(null, 6, tooLarge)).toEqual(new Uint8Array(0));
  });

  it('stops reading the moment the body passes the limit, cancels the rest, reports the bytes seen', async () => {
    const body = streamOf(['abcd', 'efgh', 'ijkl', 'mnop']);
    await expect(readBodyWithin(body.stream, 5, tooLarge)).rejects.toThrow('too large: 8');
    expect(body.sent()).toBe(2);
    expect(body.cancelled()).toBe(true);
  });
});

describe('rateLimited', () => {
  it('tells the client how many whole seconds to wait, at least one', () => {
    for (const [waitMs, seconds] of [
      [1, 1],
      [1000, 1],
      [1001, 2],
      [29_500, 30],
    ] as const) {
      const error = rateLimited('tts', waitMs);
      expect([error.status, error.code, error.message, error.details]).toEqual([
        429,
        'rate_limited',
        `too many tts requests; try again in ${seconds} s`,
        { retryAfterSeconds: seconds },
      ]);
    }
  });
});

describe('jsonBody and queryParams', () => {
  const app = createApp({ name: 'test', log: silentLogger });
  app.post('/items', jsonBody(v.object({ name: v.string(), tags: v.optional(v.array(v.string())) })), (c) => c.json(c.req.valid('json')));
  app.get('/items', queryParams(v.object({ limit: v.pipe(v.string(), v.regex(/^\d+$/, 'must be digits')) })), (c) => c.json(c.req.valid('query')));
  const post = (body: string, type?: string) =>
    app.request('/items', { method: 'POST', body, ...(type === undefined ? {} : { headers: { 'content-type': type } }) });
  const error = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; details?: unknown } }).error;

  it('accepts JSON media types, with parameters and +json suffixes', async () => {
    for (const type of ['application/json', 'Application/JSON; charset=utf-8', 'application/vnd.tea+json', 'application/json ;charset=utf-8']) {
      const res = await post('{"name":"taro"}', type);
      expect(res.status, type).toBe(200);
      expect(await res.json()).toEqual({ name: 'taro' });
    }
  });

  it('answers 415 for another media type or none', async () => {
    for (const type of [undefined, 'text/plain', 'application/jsonp', 'text/json', 'application/x-www-form-urlencoded']) {
      const res = await post('{"name":"taro"}', type);
      expect(res.status, String(type)).toBe(415);
      expect(await error(res)).toEqual({ code: 'unsupported_media_type', message: 'send the body as application/json' });
    }
  });

  it('answers 400 invalid_json for a body that does not parse', async () => {
    const res = await post('{"name":', 'application/json');
    expect(res.status).toBe(400);
    expect(await error(res)).toEqual({ code: 'invalid_json', message: 'request body is not valid JSON' });
  });

  it('lists where the body is wrong, never the values sent', async () => {
    const res = await post('{"name":42,"tags":["a",7]}', 'application/json');
    expect(res.status).toBe(400);
    const body = await error(res);
    expect(body.code).toBe('validation_failed');
    expect(body.message).toBe('invalid body: name: Invalid type: Expected string; tags.1: Invalid type: Expected string');
    expect(body.details).toEqual({
      issues: [
        { path: 'name', message: 'Invalid type: Expected string' },
        { path: 'tags.1', message: 'Invalid type: Expected string' },
      ],
    });
    expect(JSON.stringify(body)).not.toContain('42');
  });

  it('a wrong top-level value has no path, and at most 20 issues are listed', async () => {
    const top = await error(await post('"taro"', 'application/json'));
    expect(top.message).toBe('invalid body: Invalid type: Expected Object');
    expect(top.details).toEqual({ issues: [{ path: '', message: 'Invalid type: Expected Object' }] });
    const many = await error(await post(JSON.stringify({ name: 'x', tags: Array.from({ length: 30 }, (_, i) => i) }), 'application/json'));
    expect((many.details as { issues: unknown[] }).issues).toHaveLength(20);
  });

  it('checks the query string the same way', async () => {
    expect(await (await app.request('/items?limit=5')).json()).toEqual({ limit: '5' });
    const res = await app.request('/items?limit=five');
    expect(res.status).toBe(400);
    expect(await error(res)).toMatchObject({ code: 'validation_failed', message: 'invalid query: limit: must be digits' });
  });
});
