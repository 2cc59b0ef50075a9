import type { Reporter, TestCase } from 'vitest/node';

/**
 * Names every test that passed only on its retry, at the end of the run: the suite retries a failed
 * test once (vitest.config.ts), so a flake does not fail the run, but it is printed here to be fixed.
 */
export default class FlakyReporter implements Reporter {
  readonly #flaky: string[] = [];

  onTestCaseResult(test: TestCase): void {
    const { flaky, retryCount } = test.diagnostic() ?? {};
    if (flaky) this.#flaky.push(`  ${test.module.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName} (retried ${retryCount}×)`);
  }

  onTestRunEnd(): void {
    if (this.#flaky.length === 0) return;
    console.log(`\n${this.#flaky.length} test(s) passed only on a retry — flaky, to be fixed:\n${this.#flaky.join('\n')}\n`);
  }
}
