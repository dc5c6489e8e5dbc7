import { describe, expect, it } from 'vitest';
import { isBoundedJsonObject } from './bounded-json.ts';

const limits = { maxDepth: 3, maxNodes: 6 };

describe('isBoundedJsonObject', () => {
  it('accepts a plain object of JSON values within the limits', () => {
    expect(isBoundedJsonObject({ a: 1, b: 'x', c: [true, null] }, limits)).toBe(true); // 6 values
    expect(isBoundedJsonObject({ a: { b: { c: 1 } } }, limits)).toBe(true); // depth 3
  });

  it.each([
    ['an array', [1]],
    ['null', null],
    ['a string', '{}'],
    ['NaN', { n: Number.NaN }],
    ['Infinity', { n: Number.POSITIVE_INFINITY }],
    ['-Infinity inside an array', { a: [-Infinity] }],
    ['undefined', { a: undefined }],
    ['a function', { a: () => 1 }],
    ['a bigint', { a: 1n }],
    ['more values than maxNodes', { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }],
    ['deeper than maxDepth', { a: { b: { c: { d: 1 } } } }],
    ['arrays deeper than maxDepth', { a: [[[1]]] }],
  ])('refuses %s', (_name, value) => {
    expect(isBoundedJsonObject(value, limits)).toBe(false);
  });
});
