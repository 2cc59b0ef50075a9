import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http';
import { openCartWorld, type CartWorld } from '../cart/helpers';

const PER_MINUTE = 5;

/**
 * Click-out safety (docs/cart-and-links.md, "Click-out"): an "other" link asks before leaving,
 * naming its host, unless the operator verified that host; private hosts are refused when a link
 * is made and when it is followed; each viewer has a click-out budget a minute.
 */
describe('click-out safety: leaving page, verified hosts, private hosts, a budget per viewer', () => {
  let w: CartWorld;
  let ops: ApiClient;
  let roomId: string;
  /** The demo room's /go code of each listing added here, by its URL. */
  const codes = new Map<string, string>();

  const go = (code: string, headers: Record<string, string> = {}, query = '') =>
    fetch(`${w.server.url}/go/${code}${query}`, { redirect: 'manual', headers });
  /** The continue link as a browser follows it from the leaving page. */
  const fromLeavingPage = (code: string) => ({ 'sec-fetch-site': 'same-origin', referer: `${w.server.url}/go/${code}` });
  const clicksOfListing = async (code: string) => (await w.server.hutong.clickOut.clicksOf(w.shopId)).filter((c) => c.code === code).length;

  async function listingCode(url: string): Promise<string> {
    const made = await w.owner.post(`/api/v1/shops/${w.shopId}/listings`, { url, title: `deal on ${new URL(url).host}` });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect((await w.owner.post(`/api/v1/shops/${w.shopId}/rooms/${roomId}/cart/items`, { listingId: made.body.listing.id })).status).toBe(201);
    const cart = (await new ApiClient(w.server.url).get('/api/v1/rooms/demo/cart')).body;
    const item = cart.items.find((i: any) => i.title === `deal on ${new URL(url).host}`);
    const code = String(item.link.url).replace(/^\/go\//, '');
    codes.set(url, code);
    return code;
  }

  beforeAll(async () => {
    w = await openCartWorld({ env: { HUTONG_CLICKOUT_PER_MINUTE: String(PER_MINUTE) } });
    ops = new ApiClient(w.server.url);
    await ops.login(w.server.seed.operatorEmail, w.server.seed.ownerPassword);
    roomId = (await w.owner.get(`/api/v1/shops/${w.shopId}/rooms`)).body.rooms.find((r: any) => r.slug === 'demo').id;
    await listingCode('https://phish.example/deal?id=7');
    await listingCode('https://shop.partner.example/p/42');
  });
  afterAll(async () => {
    await w?.close();
  });

  it('shows the leaving page for an "other" host: the host plainly, no redirect, no click logged', async () => {
    const code = codes.get('https://phish.example/deal?id=7')!;
    const res = await go(code, { accept: 'text/html' });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html).toContain('<p class="host" data-host>phish.example</p>');
    expect(html).toContain('https://phish.example/deal?id=7');
    expect(html).toContain(`href="/go/${code}?confirm=1"`);
    expect(await clicksOfListing(code)).toBe(0);
  });

  it('goes on from the leaving page only: the continue link from anywhere else shows the page again', async () => {
    const code = codes.get('https://phish.example/deal?id=7')!;
    for (const headers of <Record<string, string>[]>[
      {}, // pasted into the address bar, or an old client: nothing says where it came from
      { 'sec-fetch-site': 'cross-site', referer: `${w.server.url}/go/${code}` },
      { 'sec-fetch-site': 'same-origin', referer: `${w.server.url}/live/demo` }, // our site, but not the leaving page
      { referer: 'https://evil.example/go/' + code },
      { 'sec-fetch-site': 'none' },
    ]) {
      const res = await go(code, headers, '?confirm=1');
      expect([res.status, res.headers.get('location')], JSON.stringify(headers)).toEqual([200, null]);
      expect(await res.text()).toContain('data-host>phish.example<');
    }
    expect(await clicksOfListing(code)).toBe(0);
    const res = await go(code, fromLeavingPage(code), '?confirm=1');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://phish.example/deal?id=7');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await clicksOfListing(code)).toBe(1);
  });

  it('redirects at once to a host the operator verified, audited; withdrawing brings the page back', async () => {
    const code = codes.get('https://shop.partner.example/p/42')!;
    expect((await go(code)).status).toBe(200);
    expect((await w.owner.post('/api/v1/ops/link-hosts', { host: 'shop.partner.example' })).status).toBe(403);
    const verified = await ops.post('/api/v1/ops/link-hosts', { host: 'https://SHOP.partner.example/anything' });
    expect([verified.status, verified.body]).toEqual([200, { host: 'shop.partner.example', changed: true }]);
    expect((await ops.post('/api/v1/ops/link-hosts', { host: 'shop.partner.example' })).body.changed).toBe(false);
    const direct = await go(code);
    expect([direct.status, direct.headers.get('location')]).toEqual([302, 'https://shop.partner.example/p/42']);
    // Only that host: a subdomain or another host still asks.
    expect((await go(codes.get('https://phish.example/deal?id=7')!)).status).toBe(200);
    const list = await ops.get('/api/v1/ops/link-hosts');
    expect(list.body.hosts.map((h: any) => h.host)).toEqual(['shop.partner.example']);
    expect(list.body.next).toBeNull();

    const withdrawn = await ops.delete('/api/v1/ops/link-hosts/shop.partner.example');
    expect(withdrawn.body).toEqual({ host: 'shop.partner.example', changed: true });
    expect((await go(code)).status).toBe(200);
    const audit = (await ops.get('/api/v1/ops/link-hosts/audit')).body.entries;
    expect(audit.map((e: any) => [e.host, e.verified, e.actorName])).toEqual([
      ['shop.partner.example', false, expect.any(String)],
      ['shop.partner.example', true, expect.any(String)],
    ]);
  });

  it('refuses to verify a private host, with the documented code', async () => {
    for (const host of ['127.0.0.1', '0x7f.1', 'http://[::ffff:127.0.0.1]/', '10.0.0.8', 'printer.local']) {
      const res = await ops.post('/api/v1/ops/link-hosts', { host });
      expect([res.status, res.body.error?.code], host).toEqual([400, 'LINKS_URL_HOST_REFUSED']);
    }
  });

  it('refuses to follow a stored link whose host is private (made before the rule), with a page and no redirect', async () => {
    const code = await listingCode('https://soon-private.example/x');
    // As if stored by an older hutong: the listing's link now names a loopback host in decimal.
    await w.server.hutong.db.query(`UPDATE external_listings SET canonical_url = 'http://2130706433/admin' WHERE canonical_url = 'https://soon-private.example/x'`);
    for (const query of ['', '?confirm=1']) {
      const res = await go(code, fromLeavingPage(code), query);
      expect([res.status, res.headers.get('location')]).toEqual([403, null]);
      expect(await res.text()).toContain('data-reason="unsafe"');
    }
    expect(await clicksOfListing(code)).toBe(0);
  });

  it('limits each viewer to HUTONG_CLICKOUT_PER_MINUTE click-outs, with a coded 429; other viewers are not affected', async () => {
    const code = codes.get('https://phish.example/deal?id=7')!;
    const viewer = new ApiClient(w.server.url);
    const signup = await viewer.post('/api/v1/auth/signup', { email: `clicker-${randomUUID().slice(0, 8)}@example.com`, password: 'a-good-password', displayName: 'clicker' });
    expect(signup.status).toBe(201);
    const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0]!;
    const before = await clicksOfListing(code);
    for (let i = 0; i < PER_MINUTE; i++) expect((await go(code, { ...fromLeavingPage(code), cookie }, '?confirm=1')).status).toBe(302);
    const json = await go(code, { ...fromLeavingPage(code), cookie, accept: 'application/json' }, '?confirm=1');
    expect(json.status).toBe(429);
    expect(Number(json.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json.json()).error.code).toBe('LINKS_CLICKOUT_RATE_LIMITED');
    const page = await go(code, { ...fromLeavingPage(code), cookie, accept: 'text/html' }, '?confirm=1');
    expect([page.status, page.headers.get('location')]).toEqual([429, null]);
    expect(await page.text()).toContain('data-code="LINKS_CLICKOUT_RATE_LIMITED"');
    expect(await clicksOfListing(code)).toBe(before + PER_MINUTE);
    // Showing the leaving page is not a click-out: it still answers.
    expect((await go(code, { cookie })).status).toBe(200);
    // Another viewer (anonymous: counted by address) has a budget of their own.
    const anonymous = await fetch(`${w.server.url}/go/${code}?confirm=1`, { redirect: 'manual', headers: { ...fromLeavingPage(code) } });
    expect(anonymous.status).toBe(302);
  });
});
