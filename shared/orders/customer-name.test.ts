import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createTestOrderApp, jsonHeaders, sampleLine } from '../testing/order-fixture.ts';
import { CustomerNameSchema } from './customer-name.ts';

describe('customerName (issue 11 item 9)', () => {
  it.each([
    ['  Li Lei  ', 'Li Lei'],
    ['王芳', '王芳'],
    ['Zoe\u0301', 'Zoé'], // NFC: e + combining acute → é
    ['José María', 'José María'],
    ['x'.repeat(40), 'x'.repeat(40)],
    ['😀'.repeat(40), '😀'.repeat(40)], // 40 characters, 80 UTF-16 units
  ])('accepts %j as %j', (input, expected) => {
    expect(v.parse(CustomerNameSchema, input)).toBe(expected);
  });

  it.each([
    ['empty', '   '],
    ['41 characters', 'x'.repeat(41)],
    ['a control character', 'Li\u0007Lei'],
    ['a newline inside', 'Li\nLei'],
    ['a NUL', 'Li\u0000'],
    ['a C1 control', 'Li\u0085Lei'],
    ['a right-to-left override', '\u202Egnp.exe'],
    ['a bidi isolate', 'Li\u2066Lei\u2069'],
    ['a zero-width space', 'Li\u200BLei'],
    ['a lone surrogate', 'Li\uD800'],
    ['a private-use character', 'Li\uE000'],
    ['a line separator', 'Li\u2028Lei'],
  ])('rejects %s', (_name, input) => {
    expect(v.safeParse(CustomerNameSchema, input).success).toBe(false);
  });

  it('POST /orders: a bad name is a 400 and nothing is written; a good one is stored normalised', async () => {
    const { app, opened } = createTestOrderApp();
    const post = (customerName: string) =>
      app.request('/orders', { method: 'POST', headers: jsonHeaders, body: JSON.stringify({ lines: [sampleLine], customerName }) });
    const bad = await post('\u202EAlice');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    expect((opened.sqlite.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n).toBe(0);
    const good = await post(' Zoe\u0301 ');
    expect(good.status).toBe(201);
    expect(((await good.json()) as { customerName: string }).customerName).toBe('Zoé');
  });
});
