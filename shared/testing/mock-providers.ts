import { afterEach, beforeEach } from 'vitest';
import { startMockOpenAI } from './mock-openai-chat.ts';

export type MockOpenAI = Awaited<ReturnType<typeof startMockOpenAI>>;

/**
 * Fresh OpenAI-protocol mocks (say `openrouter` and `vllm`) for each test of the calling
 * describe, closed after it. Call it before the describe's own hooks: its mocks are up before
 * they run, and closed after theirs (vitest runs after-hooks in reverse).
 */
export function mockProvidersPerTest<const Name extends string>(...names: Name[]): Record<Name, MockOpenAI> {
  const mocks = {} as Record<Name, MockOpenAI>;
  beforeEach(async () => {
    for (const name of names) mocks[name] = await startMockOpenAI();
  });
  afterEach(async () => {
    await Promise.all(names.map((name) => mocks[name].close()));
  });
  return mocks;
}
