import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/** Passwords, cookies, session tokens and API keys never reach a log line, even at trace level. */
describe('logs', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { HUTONG_LOG_LEVEL: 'trace' } });
  });
  afterAll(() => server?.close());

  it('hold no secret after sign-up, login, key creation and key use', async () => {
    const password = 'Sup3r-Secret-Passw0rd';
    const api = new ApiClient(server.url);
    const signup = await api.post('/api/v1/auth/signup', { email: 'logs@example.com', password, displayName: 'L' });
    const sessionToken = signup.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    await api.post('/api/v1/auth/login', { email: 'logs@example.com', password });
    await api.post('/api/v1/auth/login', { email: 'logs@example.com', password: `${password}-wrong` });
    const shop = (await api.post('/api/v1/shops', { slug: 'logs-shop', name: 'Logs' })).body.shop;
    const { secret } = (await api.post(`/api/v1/shops/${shop.id}/api-keys`, { name: 'k' })).body;
    expect((await api.withKey(secret).get(`/api/v1/shops/${shop.id}/products`)).status).toBe(200);
    await api.withKey(`${secret}x`).get(`/api/v1/shops/${shop.id}/products`);

    const all = server.logs.join('\n');
    expect(server.logs.filter((l) => l.includes('"responseTime"')).length).toBeGreaterThanOrEqual(7); // the requests were logged…
    for (const s of [password, sessionToken, secret, secret.slice(4)]) expect(all).not.toContain(s); // …without secrets
  });
});
