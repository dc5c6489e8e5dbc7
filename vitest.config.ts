import { configDefaults, defineConfig } from 'vitest/config';

// The timeouts guard against hangs, they are not speed requirements: CI and development
// machines with 2 loaded cores take several times longer than an idle laptop (worker threads,
// child processes, SQLite backups), and vitest's 5 s default failed healthy tests there.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    exclude: [...configDefaults.exclude, '.stryker-tmp/**'],
    setupFiles: ['./vitest.setup.ts'],
  },
});
