import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { contentSecurityPolicy } from '../../src/app/http/security-headers';

/** Web defaults: HTML pages carry a CSP and friends; cookie writes from other sites are refused. */
describe('web defaults', () => {
  let server: TestServer;
  let owner: ApiClient;
  let shopId: string;

  beforeAll(async () => {
    server = await startTestServer();
    owner = new ApiClient(server.url);
    await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
    shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
  });
  afterAll(() => server?.close());

  it('sends a CSP with frame-ancestors self, nosniff and a referrer policy on HTML pages', async () => {
    const res = await fetch(`${server.url}/rooms/demo`, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('sends nosniff on API answers too', async () => {
    const res = await fetch(`${server.url}/api/v1/rooms/demo`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('widens frame-ancestors only when asked, keeping every other directive', () => {
    const wide = contentSecurityPolicy({ frameAncestors: ['https://shop.example'] });
    expect(wide).toContain("frame-ancestors 'self' https://shop.example");
    expect(wide.replace(/frame-ancestors[^;]*/, '')).toBe(contentSecurityPolicy().replace(/frame-ancestors[^;]*/, ''));
  });

  const productCount = async () => (await owner.get(`/api/v1/shops/${shopId}/products?limit=100`)).body.products.length as number;

  it.each([
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site', origin: 'https://evil.example' }],
    ['an Origin of another site', { origin: 'https://evil.example' }],
  ])('refuses a cookie write with %s and changes nothing', async (_name, headers) => {
    const before = await productCount();
    const res = await owner.request('POST', `/api/v1/shops/${shopId}/products`, { title: 'Cross-site tea', priceMinor: 100 }, headers);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('HTTP_CROSS_SITE_REFUSED');
    expect(await productCount()).toBe(before);
  });

  it('accepts a cookie write from its own pages (same-origin, or its own Origin)', async () => {
    const a = await owner.request('POST', `/api/v1/shops/${shopId}/products`, { title: 'Same-site tea', priceMinor: 100 }, { 'sec-fetch-site': 'same-origin' });
    expect(a.status).toBe(201);
    const b = await owner.request('POST', `/api/v1/shops/${shopId}/products`, { title: 'Own-origin tea', priceMinor: 100 }, { origin: server.url });
    expect(b.status).toBe(201);
  });

  it('does not check writes without the session cookie (log in from another site still works as a form of API)', async () => {
    const res = await new ApiClient(server.url).request('POST', '/api/v1/auth/login', { email: server.seed.ownerEmail, password: 'nope-nope-nope' }, { 'sec-fetch-site': 'cross-site' });
    expect(res.body.error.code).toBe('IDENTITY_INVALID_CREDENTIALS');
  });
});
