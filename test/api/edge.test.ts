import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/** Bad input at the HTTP edge: a documented code and status, nothing written, nothing crashes. */
describe('the HTTP edge', () => {
  let server: TestServer;
  let owner: ApiClient;
  let shopId: string;
  const products = async () => (await owner.get(`/api/v1/shops/${shopId}/products`)).body.products as unknown[];

  beforeAll(async () => {
    server = await startTestServer({ env: { HUTONG_BODY_LIMIT_BYTES: '4096' } });
    owner = new ApiClient(server.url);
    await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
    shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
  });
  afterAll(() => server?.close());

  it.each([
    ['wrong types', { title: 'Tea', priceMinor: '12.50' }],
    ['a missing field', { priceMinor: 100 }],
    ['a negative price', { title: 'Tea', priceMinor: -1 }],
    ['a fractional price', { title: 'Tea', priceMinor: 1.5 }],
    ['an unknown currency', { title: 'Tea', priceMinor: 100, currency: 'XXX' }],
    ['an empty title', { title: '   ', priceMinor: 100 }],
  ])('refuses %s with HTTP_VALIDATION_FAILED and writes nothing', async (_name, body) => {
    const before = await products();
    const res = await owner.post(`/api/v1/shops/${shopId}/products`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('HTTP_VALIDATION_FAILED');
    expect(res.body.error.details.issues.length).toBeGreaterThan(0);
    expect(await products()).toEqual(before);
  });

  it('refuses malformed JSON', async () => {
    const res = await owner.request('POST', `/api/v1/shops/${shopId}/products`, '{"title": "Tea",', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('HTTP_MALFORMED_JSON');
  });

  it('refuses an oversized body', async () => {
    const before = await products();
    const res = await owner.post(`/api/v1/shops/${shopId}/products`, { title: 'Tea', priceMinor: 1, description: 'x'.repeat(8000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('HTTP_BODY_TOO_LARGE');
    expect(await products()).toEqual(before);
  });

  it('refuses bodies that are not JSON (no cross-site form posts)', async () => {
    const res = await owner.request('POST', '/api/v1/auth/login', 'email=a&password=b', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('HTTP_UNSUPPORTED_MEDIA_TYPE');
    const plain = await owner.request('POST', '/api/v1/auth/logout', 'x', { 'content-type': 'text/plain' });
    expect(plain.body.error.code).toBe('HTTP_UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a malformed id in the path', async () => {
    const res = await owner.get('/api/v1/shops/not-a-uuid/products');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('HTTP_VALIDATION_FAILED');
  });

  it('answers unknown API routes with HTTP_NOT_FOUND', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/nope'],
      ['DELETE', '/api/v1/me'],
      ['GET', '/nope.json'],
    ] as const) {
      const res = await owner.request(method, path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('HTTP_NOT_FOUND');
    }
  });

  it('serves health, readiness and metrics', async () => {
    expect((await owner.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await owner.get('/readyz')).body).toEqual({ status: 'ready' });
    const metrics = await owner.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/hutong_http_request_duration_seconds_bucket\{.*route="\/api\/v1\/me"/);
    expect(metrics.body).toMatch(/hutong_process_cpu_seconds_total/);
  });

  it('publishes an OpenAPI document generated from the schemas', async () => {
    const doc = await owner.get('/api/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const login = doc.body.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.properties).toHaveProperty('password');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/me', '/api/v1/shops/{shopId}/products', '/api/v1/shops/{shopId}/api-keys', '/api/v1/rooms/{slug}']),
    );
    const ui = await fetch(`${server.url}/api/docs`, { redirect: 'follow' });
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);
  });

  it('finds the demo room publicly, and not a missing one', async () => {
    const anon = new ApiClient(server.url);
    const room = await anon.get('/api/v1/rooms/demo');
    expect(room.body.room).toMatchObject({ slug: 'demo', shop: { slug: 'demo', name: 'hutong 演示店' } });
    const missing = await anon.get('/api/v1/rooms/no-such-room');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('LIVE_ROOM_NOT_FOUND');
  });

  it('does not crash on a storm of bad requests', async () => {
    const bad = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        owner.request('POST', `/api/v1/shops/${shopId}/products`, i % 2 ? '{' : '[]', { 'content-type': 'application/json' }),
      ),
    );
    expect(bad.every((r) => r.status === 400)).toBe(true);
    expect((await owner.get('/healthz')).status).toBe(200);
  });
});
