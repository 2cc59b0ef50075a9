import { describe } from 'vitest';
import type { Db } from '../../src/platform/db/db.port';
import { openPostgres } from '../../src/platform/db/db.postgres';
import { createTestDatabase } from '../support/postgres';
import { openTestPglite } from '../support/pglite';
import { serviceUrl } from '../support/services';

export type OpenDb = () => Promise<{ db: Db; cleanup?: () => Promise<void> }>;

/** Runs a suite on PGlite (a fresh migrated copy) and on PostgreSQL (a database of its own). */
export function onEveryDatabase(suite: (name: string, open: OpenDb) => void): void {
  suite('PGlite', async () => ({ db: await openTestPglite() }));
  const adminUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');
  describe.skipIf(!adminUrl)('PostgreSQL', () => {
    suite('PostgreSQL', async () => {
      const database = await createTestDatabase(adminUrl!, { migrated: true });
      return { db: await openPostgres({ url: database.url, max: 20 }), cleanup: database.drop };
    });
  });
}
