import { defineConfig } from 'vitest/config';

// One runner for everything: unit tests beside the code, end-to-end suites under test/.
// Benchmarks live in bench/ and are never collected here.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    // A suite's set-up starts servers, databases and a browser: minutes on a loaded 2-core machine.
    hookTimeout: 180_000,
    globalSetup: ['test/support/global-setup.ts'],
    // Waits for a condition are generous (a loaded 2-core CI machine): see test/support/patience.ts.
    setupFiles: ['test/support/patience.ts'],
    expect: { poll: { timeout: 15_000 } },
    // Real processes, browsers and services on a shared 2-core machine: a test that fails is run once
    // more, and one that passes only then is named at the end of the run (flaky-reporter.ts).
    retry: 1,
    reporters: ['default', './test/support/flaky-reporter.ts'],
  },
});
