import { describe } from 'vitest';
import { openPostgres } from '../../src/platform/db/db.postgres';
import { serviceUrl } from '../support/services';
import { createTestDatabase } from '../support/postgres';
import { describeCartTenantIsolation } from './tenants.suite';

const adminUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');

describe.skipIf(!adminUrl)('PostgreSQL', () => {
  describeCartTenantIsolation('PostgreSQL', async () => {
    const database = await createTestDatabase(adminUrl!, { migrated: true });
    return { db: await openPostgres({ url: database.url }), cleanup: database.drop };
  });
});
