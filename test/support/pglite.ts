import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openPglite } from '../../src/platform/db/db.pglite';
import type { Db } from '../../src/platform/db/db.port';

/** A fresh, migrated in-memory PGlite for one test file, loaded from the run's migrated dump. */
export async function openTestPglite(): Promise<Db> {
  const dump = new Blob([readFileSync(inject('migratedPgliteDump'))]);
  return openPglite({ dataDir: 'memory', loadDataDir: dump });
}
