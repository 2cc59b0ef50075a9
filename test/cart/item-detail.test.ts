import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/http';
import { openCartWorld, type CartWorld } from './helpers';

/** The product sheet's data: one item of a room's cart in full, only as viewers may see it. */
describe('a cart item in full, for the product sheet', () => {
  let w: CartWorld;
  let viewer: ApiClient;
  let items: any[];

  beforeAll(async () => {
    w = await openCartWorld();
    viewer = new ApiClient(w.server.url);
    items = (await viewer.get('/api/v1/rooms/demo/cart')).body.items;
  });
  afterAll(() => w?.close());

  it('gives an own product with its pictures, description, options and SKUs', async () => {
    const tee = items.find((i) => i.title === '扎染纯棉 T 恤');
    const res = await viewer.get(`/api/v1/rooms/demo/cart/items/${tee.id}`);
    expect(res.status).toBe(200);
    expect(res.body.item).toMatchObject({ id: tee.id, number: tee.number, description: '手工扎染，每件花纹都不一样。', hasSkus: true });
    expect(res.body.item.images).toHaveLength(1);
    expect(res.body.item.options.map((o: any) => o.name)).toEqual(['颜色', '尺码']);
    expect(res.body.item.skus.map((s: any) => [s.options.颜色, s.options.尺码, s.stock])).toEqual([
      ['靛蓝', 'M', 30],
      ['靛蓝', 'L', 25],
      ['茶褐', 'M', 12],
      ['茶褐', 'L', 0],
    ]);
    // The picture the seed drew is a real PNG, served publicly.
    const picture = await fetch(`${w.server.url}${res.body.item.images[0]}`);
    expect([picture.status, picture.headers.get('content-type')]).toEqual([200, 'image/png']);
  });

  it('gives a marketplace listing with its link as the policy allows', async () => {
    const listing = items.find((i) => i.kind === 'listing');
    const res = await viewer.get(`/api/v1/rooms/demo/cart/items/${listing.id}`);
    expect(res.body.item).toMatchObject({ id: listing.id, link: listing.link, options: [], skus: [] });
    expect(res.body.item.images).toEqual([listing.imageUrl]);
  });

  it("finds no item of another room's cart, a hidden one, or a made-up one", async () => {
    const tee = items.find((i) => i.title === '扎染纯棉 T 恤');
    for (const path of [`/api/v1/rooms/tea-night/cart/items/${tee.id}`, '/api/v1/rooms/demo/cart/items/00000000-0000-4000-8000-000000000000']) {
      const res = await viewer.get(path);
      expect([res.status, res.body.error.code]).toEqual([404, 'LIVE_CART_ITEM_NOT_FOUND']);
    }
    const listing = (await w.owner.get(`/api/v1/shops/${w.shopId}/rooms`)).body.rooms;
    const roomId = listing.find((r: any) => r.slug === 'demo').id;
    const studio = (await w.owner.get(`/api/v1/shops/${w.shopId}/rooms/${roomId}/cart`)).body.items;
    const jd = studio.find((i: any) => i.marketplace === 'jd');
    await w.owner.patch(`/api/v1/shops/${w.shopId}/listings/${jd.refId}`, { enabled: false });
    const hidden = await viewer.get(`/api/v1/rooms/demo/cart/items/${jd.id}`);
    expect([hidden.status, hidden.body.error.code]).toEqual([404, 'LIVE_CART_ITEM_NOT_FOUND']);
    const bad = await viewer.get('/api/v1/rooms/demo/cart/items/not-an-id');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'HTTP_VALIDATION_FAILED']);
  });
});
