import { describe } from 'vitest';
import { openPostgres } from '../../src/platform/db/db.postgres';
import { serviceUrl } from '../support/services';
import { createTestDatabase } from '../support/postgres';
import { describeTenantIsolation } from './tenants.suite';

const adminUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');

describe.skipIf(!adminUrl)('PostgreSQL', () => {
  describeTenantIsolation('PostgreSQL', async () => {
    const database = await createTestDatabase(adminUrl!, { migrated: true });
    return { db: await openPostgres({ url: database.url }), cleanup: database.drop };
  });
});
