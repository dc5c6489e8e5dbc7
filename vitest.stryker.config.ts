import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

// For mutation runs: tests that exercise spawned bundles or child processes never see an
// in-process mutant, so they only cost time there. The speech and web functions' tests (audio
// mocks, esbuild-built pages, OpenAPI documents) are left out too: they reach the mutated
// modules only through shared/http, which has its own tests, and each mutant would pay for them.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      // Coverage instrumentation on a shared machine: a hang guard, wider still.
      testTimeout: 120_000,
      hookTimeout: 120_000,
      exclude: [
        ...configDefaults.exclude,
        '.stryker-tmp/**',
        '**/*.e2e.test.ts',
        '**/*.fuzz.test.ts',
        'scripts/**',
        'modal/**',
        'functions/web/**',
        'functions/stt/**',
        'functions/tts/**',
        'shared/speech/**',
        'functions/openapi.test.ts',
      ],
    },
  }),
);
