import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildWeb } from '../../src/app/web-build';
import { createPgliteDump } from '../../src/platform/db/db.pglite';
import { migrate } from '../../src/platform/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    webDistDir: string;
    /** A dump of a freshly migrated PGlite: test databases load it (≈0.4 s) instead of initdb (≈2.5 s). */
    migratedPgliteDump: string;
  }
}

/**
 * Once per test run: builds the web app into a directory of this run's own (browser tests drive
 * the current sources; parallel runs never rebuild under each other's feet), and migrates one
 * PGlite whose dump every test database starts from.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'hutong-test-'));
  const webDistDir = join(dir, 'web');
  const dumpPath = join(dir, 'migrated-pglite.tar');
  const [, dump] = await Promise.all([
    buildWeb({ force: true, outDir: webDistDir }),
    createPgliteDump(async (db) => void (await migrate(db))),
  ]);
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  // Suites that run the real command (`hutong serve`, `npm run demo`) use the checkout's web/dist,
  // which a clean clone lacks: each would build it on its first start, two of them at once into the
  // same directory. Give them this run's build before any starts.
  const checkoutWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
  if (!existsSync(join(checkoutWebDist, 'index.html'))) cpSync(webDistDir, checkoutWebDist, { recursive: true });
  project.provide('webDistDir', webDistDir);
  project.provide('migratedPgliteDump', dumpPath);
  return () => rmSync(dir, { recursive: true, force: true });
}
