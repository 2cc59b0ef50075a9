import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/platform/db/db.postgres';
import { ApiClient } from '../support/http';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { serviceUrl } from '../support/services';
import { startTestServer, type TestServer } from '../support/server';

/** Two nodes sharing PostgreSQL and Redis count one API key's requests together: a second node gives no extra budget. */
const adminUrl = serviceUrl('HUTONG_TEST_DATABASE_URL', 'PostgreSQL');
const redisUrl = serviceUrl('HUTONG_TEST_REDIS_URL', 'Redis');

describe.skipIf(!adminUrl || !redisUrl)('API key rate limits across nodes (Redis)', () => {
  let database: TestDatabase;
  const nodes: TestServer[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(adminUrl!, { migrated: true });
    // One at a time: the first migrates and seeds the shared database.
    for (let i = 0; i < 2; i++) nodes.push(await startTestServer({ db: await openPostgres({ url: database.url }), env: { HUTONG_REDIS_URL: redisUrl! } }));
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    await database?.drop();
  });

  it('refuses the fifth request of a 4-a-minute key when they alternate between two nodes', async () => {
    const owner = new ApiClient(nodes[0]!.url);
    await owner.login(nodes[0]!.seed.ownerEmail, nodes[0]!.seed.ownerPassword);
    const shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
    // A fresh key per run: its id names the budget, so the shared Redis holds nothing of earlier runs.
    const { secret } = (await owner.post(`/api/v1/shops/${shopId}/api-keys`, { name: 'two nodes', scopes: ['catalog:read'], ratePerMinute: 4 })).body;
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await new ApiClient(nodes[i % 2]!.url, secret).get(`/api/v1/shops/${shopId}/products`));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 429]);
    expect(answers.map((a) => a.headers.get('ratelimit-remaining'))).toEqual(['3', '2', '1', '0', '0']);
  });
});
