import { afterAll, beforeAll, describe } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/postgres';
import { serviceUrl } from '../../test/support/services';
import { openPostgres } from '../platform/db/db.postgres';
import { migrate } from '../platform/db/migrate';
import { describeMediaService } from './media.service.suite';

const adminUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');

describe.skipIf(!adminUrl)('media service on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(adminUrl!);
  });
  afterAll(async () => {
    await database?.drop();
  });

  describeMediaService('PostgreSQL', async () => {
    const db = await openPostgres({ url: database.url });
    await migrate(db);
    return db;
  });
});
