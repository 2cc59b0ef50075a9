import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrl } from '../../../test/support/services';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres';
import { describeDbContract } from './db.contract';
import { openPostgres } from './db.postgres';

const adminUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');

describe.skipIf(!adminUrl)('PostgreSQL adapter', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(adminUrl!);
  });
  afterAll(async () => {
    await database?.drop();
  });

  describeDbContract('PostgreSQL', () => openPostgres({ url: database.url }));

  it('fails to open, naming the cause, when the server refuses the database', async () => {
    const url = new URL(database.url);
    url.pathname = '/hutong_test_does_not_exist';
    await expect(openPostgres({ url: url.toString() })).rejects.toThrow(/does not exist/);
  });

  it('reports an idle connection killed by the server to onError instead of crashing', async () => {
    const errors: Error[] = [];
    const db = await openPostgres({ url: database.url, onError: (err) => errors.push(err) });
    try {
      const [me] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS "pid"');
      await db.query('SELECT 1'); // ensures the client is back in the pool, idle
      await withAdmin((admin) => admin.query('SELECT pg_terminate_backend($1)', [me!.pid]));
      await expect.poll(() => errors.length).toBeGreaterThan(0);
      await expect(db.ping()).resolves.toBeUndefined(); // the pool opened a fresh connection
    } finally {
      await db.close();
    }
  });

  async function withAdmin<T>(fn: (admin: Awaited<ReturnType<typeof openPostgres>>) => Promise<T>): Promise<T> {
    const admin = await openPostgres({ url: adminUrl! });
    try {
      return await fn(admin);
    } finally {
      await admin.close();
    }
  }
});
