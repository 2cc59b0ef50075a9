import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWeb } from '../../src/app/web-build';

declare module 'vitest' {
  export interface ProvidedContext {
    webDistDir: string;
  }
}

/**
 * Builds the web app once per test run, into a directory of this run's own, so browser tests
 * drive the current sources and parallel runs never rebuild under each other's feet.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const outDir = mkdtempSync(join(tmpdir(), 'hutong-web-'));
  await buildWeb({ force: true, outDir });
  project.provide('webDistDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
