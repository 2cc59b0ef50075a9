import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/kernel/clock';
import { ApiClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { shareCodePattern } from '../../src/contracts/shares.schemas';
import { decodeQr, meta, titleOf } from './helpers';

const PUBLIC = 'https://hutong.example';
const DAY = 24 * 3_600_000;

/** The contract the outside check uses: POST /shares, GET /s/CODE, resolve, QR and posters, expiry and revocation. */
describe('shares: short links, tokens and QR codes', () => {
  let server: TestServer;
  let owner: ApiClient;
  let anonymous: ApiClient;
  let shopId: string;
  let productId: string;
  const clock = manualClock(new Date());

  const share = async (target: object, channel?: string, as = anonymous) => as.post('/api/v1/shares', { target, ...(channel ? { channel } : {}) });
  const open = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { redirect: 'manual', headers });

  beforeAll(async () => {
    server = await startTestServer({ env: { HUTONG_PUBLIC_URL: PUBLIC, HUTONG_SHARE_TTL_DAYS: '30' }, clock });
    owner = new ApiClient(server.url);
    await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
    anonymous = new ApiClient(server.url);
    shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
    productId = (await owner.get(`/api/v1/shops/${shopId}/products`)).body.products[0].id;
  }, 180_000); // a server (PGlite, migrations, the demo seed) starts slowly on a loaded machine
  afterAll(async () => server?.close());

  it('shares a room anonymously: an absolute short link, a token with the code between ￥ signs, QR and poster URLs', async () => {
    const res = await share({ room: 'demo' }, 'wechat');
    expect(res.status).toBe(201);
    const s = res.body.share;
    expect(s.code).toMatch(shareCodePattern);
    expect(s.url).toBe(`${PUBLIC}/s/${s.code}`);
    expect(s.token).toBe(`￥${s.code}￥ 打开 hutong 看直播「互通开播：好物直播间」`);
    expect(s.qrSvgUrl).toBe(`${PUBLIC}/api/v1/shares/${s.code}/qr.svg`);
    expect(s.qrPngUrl).toBe(`${PUBLIC}/api/v1/shares/${s.code}/qr.png`);
    expect(s.posterUrl).toBe(`${PUBLIC}/api/v1/shares/${s.code}/poster.png`);
    expect(s.channel).toBe('wechat');
  });

  it('makes codes of ≥ 60 bits that differ every time', async () => {
    const codes = await Promise.all(Array.from({ length: 20 }, async () => (await share({ room: 'demo' })).body.share.code as string));
    expect(new Set(codes).size).toBe(20);
    expect(Math.log2(56) * codes[0]!.length).toBeGreaterThanOrEqual(60);
  });

  it('refuses a target that does not exist and a body that names none', async () => {
    expect((await share({ room: 'no-such-room' })).body.error.code).toBe('SHARES_TARGET_NOT_FOUND');
    expect((await share({ product: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await anonymous.post('/api/v1/shares', { target: {} })).body.error.code).toBe('HTTP_VALIDATION_FAILED');
    expect((await anonymous.post('/api/v1/shares', { target: { room: 'demo' }, channel: 'fax' })).status).toBe(400);
  });

  it('GET /s/CODE counts the visit, remembers the share in a cookie and redirects to the room', async () => {
    const s = (await share({ room: 'demo' }, 'qq', owner)).body.share;
    const res = await open(`/s/${s.code}`, { 'user-agent': 'Mozilla/5.0 (iPhone) Mobile Safari' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/live/demo');
    expect(res.headers.get('set-cookie')).toContain(`hutong_share=${s.code}`);
    const visits = await server.hutong.shares.visitsOf(s.code);
    expect(visits).toHaveLength(1);
    expect(visits[0]!.visitorId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  });

  it('does not count a chat app fetching the link for its preview, but answers it with the preview tags', async () => {
    const s = (await share({ room: 'demo' })).body.share;
    const res = await open(`/s/${s.code}`, { 'user-agent': 'facebookexternalhit/1.1' });
    expect(res.status).toBe(302);
    const html = await res.text();
    expect(meta(html, 'og:title')).toContain('互通开播');
    expect(await server.hutong.shares.visitsOf(s.code)).toHaveLength(0);
  });

  it('sends a shared product to its page', async () => {
    const s = (await share({ product: productId })).body.share;
    expect(s.token).toContain('看好物「');
    const res = await open(`/s/${s.code}`);
    expect(res.headers.get('location')).toBe(`/p/${productId}`);
  });

  it('answers an unknown code with a page that says so, 404', async () => {
    const res = await open('/s/abcdefghijk');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('This share leads nowhere');
  });

  it('resolves a whole pasted chat message holding a token, or a short link, to the target', async () => {
    const room = (await share({ room: 'demo' }, 'copy')).body.share;
    const product = (await share({ product: productId })).body.share;
    const byToken = await anonymous.get(`/api/v1/shares/resolve?text=${encodeURIComponent(`哈哈快来 ${room.token} 晚上八点`)}`);
    expect(byToken.status).toBe(200);
    expect(byToken.body).toEqual({
      code: room.code, target: { kind: 'room', slug: 'demo', title: '互通开播：好物直播间' }, url: room.url, targetUrl: `${PUBLIC}/live/demo`,
    });
    // Keyboards and other apps turn ￥ into ¥ or $: still the same token.
    const yen = await anonymous.get(`/api/v1/shares/resolve?text=${encodeURIComponent(`¥${product.code}¥`)}`);
    expect(yen.body.target).toMatchObject({ kind: 'product', id: productId });
    const byLink = await anonymous.get(`/api/v1/shares/resolve?text=${encodeURIComponent(`look: ${product.url}`)}`);
    expect(byLink.body.targetUrl).toBe(`${PUBLIC}/p/${productId}`);
    const none = await anonymous.get(`/api/v1/shares/resolve?text=${encodeURIComponent('no token here ￥abc￥')}`);
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('SHARES_NOT_FOUND');
  });

  it('serves a QR PNG and SVG that an independent decoder reads as the short link, and a poster with the QR on it', async () => {
    const s = (await share({ product: productId }, 'poster')).body.share;
    const path = (url: string) => url.slice(PUBLIC.length);
    const png = await open(path(s.qrPngUrl));
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(decodeQr(Buffer.from(await png.arrayBuffer()))).toBe(s.url);
    const svg = await open(path(s.qrSvgUrl));
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg/);
    const poster = await open(path(s.posterUrl));
    expect(poster.status).toBe(200);
    expect(decodeQr(Buffer.from(await poster.arrayBuffer()))).toBe(s.url);
  });

  it('lets the shop revoke a share: link, token and QR then lead nowhere; another shop cannot', async () => {
    const s = (await share({ room: 'demo' })).body.share;
    const stranger = new ApiClient(server.url);
    await stranger.post('/api/v1/auth/signup', { email: 'stranger@example.com', password: 'correct horse battery', displayName: 'Stranger' });
    expect((await stranger.post(`/api/v1/shops/${shopId}/shares/${s.code}/revoke`)).status).toBe(403);
    const revoked = await owner.post(`/api/v1/shops/${shopId}/shares/${s.code}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.share.revokedAt).not.toBeNull();
    expect((await open(`/s/${s.code}`)).status).toBe(404);
    expect((await anonymous.get(`/api/v1/shares/resolve?text=${encodeURIComponent(s.token)}`)).status).toBe(404);
    expect((await open(`/api/v1/shares/${s.code}/qr.png`)).status).toBe(404);
    const list = await owner.get(`/api/v1/shops/${shopId}/shares?limit=100`);
    expect(list.body.shares.find((x: any) => x.code === s.code)).toMatchObject({ target: { kind: 'room', slug: 'demo' }, revokedAt: expect.any(String) });
  });

  it('expires a share after HUTONG_SHARE_TTL_DAYS', async () => {
    const s = (await share({ room: 'demo' })).body.share;
    expect(new Date(s.expiresAt).getTime() - clock.now().getTime()).toBe(30 * DAY);
    clock.advance(29 * DAY);
    expect((await open(`/s/${s.code}`)).status).toBe(302);
    clock.advance(DAY);
    expect((await open(`/s/${s.code}`)).status).toBe(404);
    expect((await anonymous.get(`/api/v1/shares/resolve?text=${encodeURIComponent(s.token)}`)).status).toBe(404);
  });
});

/** Link previews: the room, product and share pages answer any client with title, og:* and twitter:* tags. */
describe('link previews', () => {
  let server: TestServer;
  let productId: string;
  let productImage: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { HUTONG_PUBLIC_URL: PUBLIC } });
    const owner = new ApiClient(server.url);
    await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
    const shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
    const product = (await owner.get(`/api/v1/shops/${shopId}/products`)).body.products[0];
    productId = product.id;
    productImage = product.images[0].url;
  }, 180_000); // a server (PGlite, migrations, the demo seed) starts slowly on a loaded machine
  afterAll(async () => server?.close());

  // Like curl: no Accept header at all.
  const page = async (path: string) => {
    const res = await fetch(server.url + path, { headers: { accept: '*/*', 'user-agent': 'curl/8.5.0' }, redirect: 'manual' });
    return { res, html: await res.text() };
  };

  it('/live/ROOM: the room title, its shop, a picture, the canonical URL — and still the web app for browsers', async () => {
    const { res, html } = await page('/live/demo');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(titleOf(html)).toBe('互通开播：好物直播间 · hutong');
    expect(meta(html, 'og:title')).toBe('互通开播：好物直播间');
    expect(meta(html, 'og:type')).toBe('video.other');
    expect(meta(html, 'og:url')).toBe(`${PUBLIC}/live/demo`);
    expect(meta(html, 'og:description')).toContain('hutong 演示店');
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(meta(html, 'twitter:title')).toBe('互通开播：好物直播间');
    const image = meta(html, 'og:image')!;
    expect(meta(html, 'twitter:image')).toBe(image);
    expect(image.startsWith(`${PUBLIC}/api/v1/shares/cards/room/demo.png`)).toBe(true);
    const card = await fetch(server.url + image.slice(PUBLIC.length));
    expect(card.headers.get('content-type')).toBe('image/png');
    expect((await card.arrayBuffer()).byteLength).toBeGreaterThan(5_000);
    expect(html).toContain('<div id="root">');
  });

  it('/p/PRODUCT: the product title, price and its own picture', async () => {
    const { res, html } = await page(`/p/${productId}`);
    expect(res.status).toBe(200);
    expect(meta(html, 'og:title')).toBe('云南普洱茶饼 357g');
    expect(meta(html, 'og:type')).toBe('product');
    expect(meta(html, 'og:description')).toContain('¥128.00');
    expect(meta(html, 'og:image')).toBe(`${PUBLIC}${productImage}`);
    expect(meta(html, 'twitter:image')).toBe(`${PUBLIC}${productImage}`);
  });

  it('/s/CODE: the target preview in the redirect itself', async () => {
    const anonymous = new ApiClient(server.url);
    const s = (await anonymous.post('/api/v1/shares', { target: { product: productId } })).body.share;
    const { res, html } = await page(`/s/${s.code}`);
    expect(res.status).toBe(302);
    expect(meta(html, 'og:title')).toBe('云南普洱茶饼 357g');
    expect(meta(html, 'og:url')).toBe(`${PUBLIC}/p/${productId}`);
  });

  it('an unknown room or product: 404 HTML, never JSON', async () => {
    for (const path of ['/live/no-such-room', '/p/00000000-0000-4000-8000-000000000000', '/p/not-an-id']) {
      const { res } = await page(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('text/html');
    }
  });

  it('escapes what the merchant typed', async () => {
    const owner = new ApiClient(server.url);
    await owner.login(server.seed.ownerEmail, server.seed.ownerPassword);
    const shopId = (await owner.get('/api/v1/me')).body.memberships[0].shop.id;
    await owner.post(`/api/v1/shops/${shopId}/rooms`, { slug: 'xss', title: '"><script>alert(1)</script>' });
    const { html } = await page('/live/xss');
    expect(html).not.toContain('<script>alert(1)');
    expect(meta(html, 'og:title')).toBe('"><script>alert(1)</script>');
  });
});
