// Mutation testing (npm run mutate): not in CI, it is slow (about an hour for the whole scope on
// 2 cores). One file: `npm run mutate -- --mutate shared/orders/status-machine.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'shared/orders/**/*.ts',
    'shared/db/**/*.ts',
    'shared/sessions/**/*.ts',
    'shared/agent/chain/**/*.ts',
    'shared/agent/tools/**/*.ts',
    'shared/agent/rules/**/*.ts',
    'shared/menu/**/*.ts',
    'shared/http/**/*.ts',
    'shared/error-catalog.ts',
    'shared/money.ts',
    'shared/order-client/order-service-error.ts',
    'functions/order/queue-frames.ts',
    '!**/*.test.ts',
  ],
  // Four runners keep two cores busy: much of each test run waits on sockets and timers.
  concurrency: 4,
  timeoutMS: 10_000,
  // Static mutants (module-level code) each need the whole suite: 23% of the mutants, 79% of
  // the time. They are reported as ignored; the score is over the rest.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'event-recorder'],
  eventReporter: { baseDir: 'reports/mutation/events' },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
