import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { demoRoom } from '../video/support';
import type { ApiClient } from '../support/http';

/** A shop's embed origins: validated, replaced whole, owner-only to change, and what /embed/ROOM's frame-ancestors says. */
describe('embed origins', () => {
  let server: TestServer;
  let owner: ApiClient;
  let shopId: string;

  beforeAll(async () => {
    server = await startTestServer();
    ({ api: owner, shopId } = await demoRoom(server));
  });
  afterAll(() => server?.close());

  const put = (client: ApiClient, origins: unknown) => client.request('PUT', `/api/v1/shops/${shopId}/embed-origins`, { origins });
  const ancestors = (res: Response) => res.headers.get('content-security-policy')?.split('; ').find((d) => d.startsWith('frame-ancestors'));
  const page = (slug: string) => fetch(`${server.url}/embed/${slug}`, { headers: { accept: 'text/html' } });

  it('starts empty: only hutong itself may frame the room', async () => {
    expect((await owner.get(`/api/v1/shops/${shopId}/embed-origins`)).body).toEqual({ origins: [] });
    const res = await page('demo');
    expect(res.status).toBe(200);
    expect(ancestors(res)).toBe("frame-ancestors 'self'");
    // The rest is the page policy of every HTML page: only frame-ancestors is widened.
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(await res.text()).toContain('<div id="root">');
  });

  it('stores origins normalised, without duplicates, in the order given, and frames the room for them alone', async () => {
    const res = await put(owner, ['https://Shop.Example:443/', 'http://localhost:5173', 'https://shop.example', 'https://例子.测试']);
    expect(res.status).toBe(200);
    const expected = ['https://shop.example', 'http://localhost:5173', 'https://xn--fsqu00a.xn--0zwm56d'];
    expect(res.body.origins).toEqual(expected);
    expect((await owner.get(`/api/v1/shops/${shopId}/embed-origins`)).body.origins).toEqual(expected);
    expect(ancestors(await page('demo'))).toBe(`frame-ancestors 'self' ${expected.join(' ')}`);
  });

  it('refuses what is not an origin with HTTP_VALIDATION_FAILED and keeps the list', async () => {
    for (const bad of ['*', 'null', 'https://*.example', 'ftp://shop.example', 'https://shop.example/path', 'https://a@shop.example',
      'https://shop.example?x=1', 'shop.example', "https://a.example 'unsafe-inline'", 'https://a.example;script-src *', '']) {
      const res = await put(owner, [bad]);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code, bad).toBe('HTTP_VALIDATION_FAILED');
    }
    expect((await put(owner, Array.from({ length: 21 }, (_, i) => `https://s${i}.example`))).status).toBe(400);
    expect((await owner.get(`/api/v1/shops/${shopId}/embed-origins`)).body.origins).toHaveLength(3);
  });

  it('lets only the owner (or the shop’s API key) change the list; a stranger cannot read it', async () => {
    const { ApiClient: Client } = await import('../support/http');
    const host = new Client(server.url);
    await host.login(server.seed.hostEmail, server.seed.ownerPassword);
    expect((await host.get(`/api/v1/shops/${shopId}/embed-origins`)).status).toBe(200);
    expect((await put(host, [])).body.error.code).toBe('IDENTITY_FORBIDDEN');
    const stranger = new Client(server.url);
    expect((await stranger.get(`/api/v1/shops/${shopId}/embed-origins`)).status).toBe(401);
    const key = (await owner.post(`/api/v1/shops/${shopId}/api-keys`, { name: 'site' })).body.secret;
    expect((await put(owner.withKey(key), ['https://partner.example'])).body.origins).toEqual(['https://partner.example']);
  });

  it('answers an unknown room with the page (which says so), 404, framed by hutong alone', async () => {
    const res = await page('no-such-room');
    expect(res.status).toBe(404);
    expect(ancestors(res)).toBe("frame-ancestors 'self'");
  });
});
