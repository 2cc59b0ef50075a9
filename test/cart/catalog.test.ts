import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCartWorld, type CartWorld } from './helpers';
import { hugePngHeader, solidPng } from './png';

/** Products with images and SKUs, external listings by pasted URL, commission rates — and bad input refused with nothing written. */
describe('catalog: images, SKUs, external listings', () => {
  let w: CartWorld;
  let base: string;
  const refused = (res: { status: number; body: any }, status: number, code: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.code).toBe(code);
  };
  const counts = async () => ({
    products: (await w.owner.get(`${base}/products`)).body.products.length,
    listings: (await w.owner.get(`${base}/listings`)).body.listings.length,
  });

  beforeAll(async () => {
    w = await openCartWorld();
    base = `/api/v1/shops/${w.shopId}`;
  });
  afterAll(() => w?.close());

  it('stores an uploaded image by its bytes and serves it with long-lived caching headers', async () => {
    const png = solidPng(40, 30);
    const up = await w.upload(png, 'application/octet-stream');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.image).toMatchObject({ contentType: 'image/png', width: 40, height: 30, bytes: png.length });
    const res = await fetch(w.server.url + up.body.image.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), png)).toBe(0);
    const again = await fetch(w.server.url + up.body.image.url, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('refuses uploads that are not images, whatever they claim to be', async () => {
    refused(await w.upload(Buffer.from('<html><script>alert(1)</script></html>'), 'image/png'), 400, 'CATALOG_IMAGE_INVALID');
    refused(await w.upload(Buffer.from('%PDF-1.4 not a picture'), 'image/jpeg'), 400, 'CATALOG_IMAGE_INVALID');
    refused(await w.upload(Buffer.alloc(0), 'image/png'), 400, 'CATALOG_IMAGE_INVALID');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    refused(await w.upload(svg, 'image/svg+xml'), 415, 'CATALOG_IMAGE_TYPE_REFUSED');
    // SVGs whose size image-size cannot read (an XML prolog, a viewBox only, a BOM) are refused by type too.
    for (const other of [
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
      '\uFEFF  <!-- drawn by hand -->\n<svg><script>alert(1)</script></svg>',
    ])
      refused(await w.upload(Buffer.from(other), 'image/svg+xml'), 415, 'CATALOG_IMAGE_TYPE_REFUSED');
    refused(await w.upload(hugePngHeader(50_000, 50_000)), 413, 'CATALOG_IMAGE_TOO_LARGE');
    refused(await w.upload(Buffer.concat([solidPng(2, 2), Buffer.alloc(6 * 1024 * 1024)])), 413, 'HTTP_BODY_TOO_LARGE');
    refused(await w.upload(solidPng(2, 2), 'text/plain'), 415, 'HTTP_UNSUPPORTED_MEDIA_TYPE');
    const missing = await fetch(`${w.server.url}/api/v1/images/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
  });

  it('creates a product with images and colour × size SKUs; price and stock follow the SKUs', async () => {
    const img = (await w.upload(solidPng(8, 8))).body.image;
    const res = await w.owner.post(`${base}/products`, {
      title: '扎染 T 恤',
      description: '手工',
      priceMinor: 1,
      imageIds: [img.id],
      options: [{ name: '颜色', values: ['蓝', '褐'] }, { name: '尺码', values: ['M', 'L'] }],
      skus: [
        { options: { 颜色: '蓝', 尺码: 'M' }, priceMinor: 9900, stock: 3 },
        { options: { 颜色: '褐', 尺码: 'L' }, priceMinor: 10900, stock: 4 },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const p = res.body.product;
    expect(p.images).toEqual([{ id: img.id, url: img.url }]);
    expect(p.skus.map((s: any) => [s.options, s.priceMinor, s.stock])).toEqual([
      [{ 颜色: '蓝', 尺码: 'M' }, 9900, 3],
      [{ 颜色: '褐', 尺码: 'L' }, 10900, 4],
    ]);
    expect([p.priceMinor, p.stock]).toEqual([9900, 7]);

    // Changing SKUs keeps the id of a combination that stays.
    const keptId = p.skus[0].id;
    const changed = await w.owner.patch(`${base}/products/${p.id}`, {
      skus: [{ options: { 颜色: '蓝', 尺码: 'M' }, priceMinor: 8800, stock: 10 }],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.product.skus).toEqual([{ id: keptId, options: { 颜色: '蓝', 尺码: 'M' }, priceMinor: 8800, stock: 10 }]);
    expect([changed.body.product.priceMinor, changed.body.product.stock]).toEqual([8800, 10]);
  });

  it('refuses bad products with documented errors and writes nothing', async () => {
    const before = await counts();
    const options = [{ name: '颜色', values: ['蓝'] }];
    refused(await w.owner.post(`${base}/products`, { title: 'x', priceMinor: -1 }), 400, 'HTTP_VALIDATION_FAILED');
    refused(await w.owner.post(`${base}/products`, { title: 'x', priceMinor: 1, options, skus: [{ options: { 颜色: '蓝' }, priceMinor: -5, stock: 1 }] }), 400, 'HTTP_VALIDATION_FAILED');
    refused(await w.owner.post(`${base}/products`, { title: 'x', priceMinor: 1, options, skus: [{ options: { 颜色: '红' }, priceMinor: 5, stock: 1 }] }), 400, 'CATALOG_SKU_OPTION_UNKNOWN');
    refused(await w.owner.post(`${base}/products`, { title: 'x', priceMinor: 1, options, skus: [{ options: { 尺码: 'M' }, priceMinor: 5, stock: 1 }] }), 400, 'CATALOG_SKU_OPTION_UNKNOWN');
    refused(await w.owner.post(`${base}/products`, { title: 'x', priceMinor: 1, skus: [{ options: { 颜色: '蓝' }, priceMinor: 5, stock: 1 }] }), 400, 'CATALOG_SKU_OPTION_UNKNOWN');
    refused(
      await w.owner.post(`${base}/products`, { title: 'x', priceMinor: 1, options, skus: [{ options: { 颜色: '蓝' }, priceMinor: 5, stock: 1 }, { options: { 颜色: '蓝' }, priceMinor: 6, stock: 1 }] }),
      400, 'CATALOG_SKU_DUPLICATE',
    );
    refused(await w.owner.post(`${base}/products`, { title: 'x', priceMinor: 1, imageIds: ['00000000-0000-4000-8000-000000000000'] }), 404, 'CATALOG_IMAGE_NOT_FOUND');
    refused(await w.owner.post(`${base}/products`, { title: 'x', priceMinor: 1, description: 'd'.repeat(10_001) }), 400, 'HTTP_VALIDATION_FAILED');
    refused(await w.owner.post(`${base}/products`, { title: 'x', priceMinor: 1, description: '长'.repeat(10 * 1024 * 1024) }), 413, 'HTTP_BODY_TOO_LARGE');
    expect(await counts()).toEqual(before);
  });

  it('makes an external listing from a pasted URL: marketplace, item id and canonical link, tracking gone', async () => {
    const seen = await w.owner.post(`${base}/listings/recognise`, { url: 'https://item.m.jd.com/product/100012345678.html?utm_source=wx' });
    expect(seen.body.link).toMatchObject({ marketplace: 'jd', itemId: '100012345678', canonicalUrl: 'https://item.jd.com/100012345678.html' });
    const res = await w.owner.post(`${base}/listings`, {
      url: 'https://detail.tmall.com/item.htm?spm=a1z10&id=612345678901&skuId=1',
      title: '天猫同款',
      priceMinor: 19900,
      commissionRateBp: 1500,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.listing).toMatchObject({
      marketplace: 'tmall', itemId: '612345678901', canonicalUrl: 'https://detail.tmall.com/item.htm?id=612345678901',
      commissionRateBp: 1500, effectiveCommissionRateBp: 1500, enabled: true,
    });
  });

  it('uses the shop default commission of a marketplace unless the listing overrides it', async () => {
    const rates = await w.owner.post(`${base}/commission-rates`, { own: 300, marketplaces: { pinduoduo: 700 } });
    expect(rates.body.rates.own).toBe(300);
    expect(rates.body.rates.marketplaces.pinduoduo).toBe(700);
    const l = (await w.owner.post(`${base}/listings`, { url: 'https://mobile.yangkeduo.com/goods.html?goods_id=387654321012', title: 'PDD' })).body.listing;
    expect([l.commissionRateBp, l.effectiveCommissionRateBp]).toEqual([null, 700]);
    const overridden = await w.owner.patch(`${base}/listings/${l.id}`, { commissionRateBp: 50 });
    expect(overridden.body.listing.effectiveCommissionRateBp).toBe(50);
    refused(await w.owner.post(`${base}/commission-rates`, { own: 10_001 }), 400, 'HTTP_VALIDATION_FAILED');
  });

  it('describes the new routes in the generated OpenAPI document', async () => {
    const doc = await w.owner.get('/api/docs/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/shops/{shopId}/images', '/api/v1/images/{imageId}', '/api/v1/shops/{shopId}/listings',
        '/api/v1/shops/{shopId}/listings/recognise', '/api/v1/shops/{shopId}/commission-rates',
        '/api/v1/rooms/{slug}/cart', '/api/v1/shops/{shopId}/rooms/{roomId}/cart/pin', '/api/v1/ops/link-policy', '/go/{code}',
      ]),
    );
  });

  it('refuses hostile URLs for listings with documented errors and writes nothing', async () => {
    const before = await counts();
    const add = (url: string) => w.owner.post(`${base}/listings`, { url, title: 't' });
    refused(await add('javascript:alert(1)'), 400, 'LINKS_URL_SCHEME_REFUSED');
    refused(await add('data:text/html,<script>alert(1)</script>'), 400, 'LINKS_URL_SCHEME_REFUSED');
    refused(await add('https://taobao.com@evil.example/item.htm?id=1'), 400, 'LINKS_URL_CREDENTIALS_REFUSED');
    refused(await add(`https://item.taobao.com/item.htm?id=1&x=${'a'.repeat(3000)}`), 400, 'LINKS_URL_TOO_LONG');
    refused(await add('   '), 400, 'LINKS_URL_INVALID');
    for (const url of ['http://127.0.0.1:8080/admin', 'http://0x7f.1/', 'http://2130706433/', 'http://[::ffff:127.0.0.1]/', 'http://[fe80::1]/', 'https://192.168.1.1/', 'https://router.local/']) {
      refused(await add(url), 400, 'LINKS_URL_HOST_REFUSED');
      refused(await w.owner.post(`${base}/listings/recognise`, { url }), 400, 'LINKS_URL_HOST_REFUSED');
    }
    refused(await add(`https://x.example/${'a'.repeat(5000)}`), 400, 'HTTP_VALIDATION_FAILED');
    expect(await counts()).toEqual(before);
    const lookalike = await add('https://taobao.com.evil.example/item.htm?id=678901234567');
    expect(lookalike.body.listing).toMatchObject({ marketplace: 'other', itemId: null });
  });
});
