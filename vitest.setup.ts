import { afterAll, expect } from 'vitest';
import { takeUndeclaredErrors } from './shared/http/undeclared-errors.ts';

// Every route's error answers during a test file must be codes its OpenAPI row lists
// (shared/http/undeclared-errors.ts): a stray code fails the file that produced it.
afterAll(() => {
  expect(takeUndeclaredErrors(), 'error codes answered by routes whose rows do not list them').toEqual([]);
});
