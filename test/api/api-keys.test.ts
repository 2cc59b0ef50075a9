import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/**
 * API keys for partners: each key does only what its scopes allow, and makes at most its rate of
 * requests a minute, saying so in RateLimit-* headers on every answer.
 */
describe('API key scopes and rate limits', () => {
  let server: TestServer;
  let owner: ApiClient;
  let shopId: string;
  const shop = () => `/api/v1/shops/${shopId}`;

  const keyWith = async (body: object): Promise<{ client: ApiClient; apiKey: any }> => {
    const res = await owner.post(`${shop()}/api-keys`, { name: 'partner', ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { client: owner.withKey(res.body.secret), apiKey: res.body.apiKey };
  };
  const expectCode = (res: { status: number; body: any }, status: number, code: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.code).toBe(code);
  };

  beforeAll(async () => {
    server = await startTestServer({ env: { HUTONG_API_KEY_RATE_PER_MINUTE: '1000' } });
    owner = new ApiClient(server.url);
    await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
    shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists a key with its scopes and limit, every scope when none were asked for', async () => {
    const { apiKey } = await keyWith({});
    expect(apiKey.scopes).toEqual(['catalog:read', 'catalog:write', 'live:read', 'live:write', 'sales:read', 'sales:write', 'webhooks']);
    expect(apiKey.ratePerMinute).toBe(1000);
    const narrow = await keyWith({ scopes: ['sales:read', 'catalog:read'], ratePerMinute: 30 });
    expect(narrow.apiKey.scopes).toEqual(['catalog:read', 'sales:read']);
    expect(narrow.apiKey.ratePerMinute).toBe(30);
    const listed = (await owner.get(`${shop()}/api-keys`)).body.apiKeys.find((k: { id: string }) => k.id === narrow.apiKey.id);
    expect(listed).toMatchObject({ scopes: ['catalog:read', 'sales:read'], ratePerMinute: 30 });
    expectCode(await owner.post(`${shop()}/api-keys`, { name: 'none', scopes: [] }), 400, 'HTTP_VALIDATION_FAILED');
    expectCode(await owner.post(`${shop()}/api-keys`, { name: 'odd', scopes: ['everything'] }), 400, 'HTTP_VALIDATION_FAILED');
  });

  it('refuses what a key has no scope for, and allows what it has', async () => {
    const { client: reader } = await keyWith({ scopes: ['catalog:read'] });
    expect((await reader.get(`${shop()}/products`)).status).toBe(200);
    expect((await reader.get(shop())).status).toBe(200); // the shop itself: any key of it
    expectCode(await reader.post(`${shop()}/products`, { title: 'Not allowed', priceMinor: 100 }), 403, 'IDENTITY_API_KEY_SCOPE');
    expectCode(await reader.get(`${shop()}/rooms`), 403, 'IDENTITY_API_KEY_SCOPE');
    expectCode(await reader.get(`${shop()}/orders`), 403, 'IDENTITY_API_KEY_SCOPE');
    expectCode(await reader.post(`${shop()}/rooms`, { slug: 'no-room', title: 'No' }), 403, 'IDENTITY_API_KEY_SCOPE');
    const refused = await reader.get(`${shop()}/orders`);
    expect(refused.body.error.message).toContain('sales:read or sales:write');

    const { client: seller } = await keyWith({ scopes: ['sales:read'] });
    expect((await seller.get(`${shop()}/orders`)).status).toBe(200);
    expectCode(await seller.get(`${shop()}/products`), 403, 'IDENTITY_API_KEY_SCOPE');

    const { client: writer } = await keyWith({ scopes: ['catalog:write'] });
    const made = await writer.post(`${shop()}/products`, { title: 'Made by a key', priceMinor: 1200 });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect((await writer.get(`${shop()}/products`)).status).toBe(200); // writing includes reading

    // Whatever its scopes, a key never manages keys or members.
    const { client: all } = await keyWith({});
    expectCode(await all.post(`${shop()}/api-keys`, { name: 'more' }), 403, 'IDENTITY_FORBIDDEN');
    expectCode(await all.post(`${shop()}/members`, { email: 'x@example.com', role: 'staff' }), 403, 'IDENTITY_FORBIDDEN');
  });

  it('answers every key request with RateLimit headers and refuses past the limit with Retry-After', async () => {
    const { client } = await keyWith({ scopes: ['catalog:read'], ratePerMinute: 3 });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await client.get(`${shop()}/products`));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((a) => a.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
    for (const a of answers) {
      expect(a.headers.get('ratelimit-limit')).toBe('3');
      expect(a.headers.get('ratelimit-policy')).toBe('3;w=60');
      const reset = Number(a.headers.get('ratelimit-reset'));
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(60);
    }
    expectCode(answers[3]!, 429, 'IDENTITY_API_KEY_RATE_LIMITED');
    expect(Number(answers[3]!.headers.get('retry-after'))).toBeGreaterThan(0);

    // Another key of the same shop has its own budget; the owner's session is not limited by keys.
    const { client: other } = await keyWith({ scopes: ['catalog:read'], ratePerMinute: 3 });
    expect((await other.get(`${shop()}/products`)).status).toBe(200);
    const session = await owner.get(`${shop()}/products`);
    expect(session.status).toBe(200);
    expect(session.headers.get('ratelimit-limit')).toBeNull();
  });

  it('does not let a bearer header slip past the login limit', async () => {
    const limited = await startTestServer({ env: { HUTONG_LOGIN_MAX_ATTEMPTS: '2' } });
    try {
      const { secret } = (await (async () => {
        const o = new ApiClient(limited.url);
        await o.login(limited.seed.ownerEmail, limited.seed.ownerPassword);
        const id = (await o.get('/api/v1/me')).body.memberships[0].shop.id;
        return (await o.post(`/api/v1/shops/${id}/api-keys`, { name: 'k' })).body;
      })()) as { secret: string };
      const keyed = new ApiClient(limited.url, secret);
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await keyed.post('/api/v1/auth/login', { email: 'nobody@example.com', password: 'wrong-password' })).body.error.code);
      expect(codes).toEqual(['IDENTITY_INVALID_CREDENTIALS', 'IDENTITY_INVALID_CREDENTIALS', 'IDENTITY_LOGIN_RATE_LIMITED']);
    } finally {
      await limited.close();
    }
  });
});
