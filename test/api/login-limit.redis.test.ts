import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceUrl } from '../support/services';
import { startTestServer, type TestServer } from '../support/server';

/** Two nodes sharing Redis count a guesser's login attempts together: moving to another node gains nothing. */
const redisUrl = serviceUrl('HUTONG_TEST_REDIS_URL', 'Redis');

describe.skipIf(!redisUrl)('login limits across nodes (Redis)', () => {
  const nodes: TestServer[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) nodes.push(await startTestServer({ env: { HUTONG_REDIS_URL: redisUrl!, HUTONG_LOGIN_MAX_ATTEMPTS: '3' } }));
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
  });

  it('refuses the fourth wrong password even when the attempts alternate between two nodes', async () => {
    // A fresh email per run: the window (15 min) outlives a test run in the shared Redis.
    const email = `guess-${randomBytes(6).toString('hex')}@example.com`;
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${nodes[i % 2]!.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'wrong-password-1' }),
      });
      codes.push(((await res.json()) as { error: { code: string } }).error.code);
    }
    expect(codes).toEqual(['IDENTITY_INVALID_CREDENTIALS', 'IDENTITY_INVALID_CREDENTIALS', 'IDENTITY_INVALID_CREDENTIALS', 'IDENTITY_LOGIN_RATE_LIMITED']);
  });
});
