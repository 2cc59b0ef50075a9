import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/db.port';
import { ApiClient } from '../support/http';
import { openCartWorld, type CartWorld } from './helpers';
import { solidPng } from './png';

/**
 * The cross-shop pattern of test/api/tenants.suite.ts for images, listings, commission rates and
 * room carts: shop B (its owner and its API key) tries to read and change shop A's, and to use
 * A's products, listings and images in its own; every attempt fails and A's data stays as it was.
 */
export function describeCartTenantIsolation(name: string, openDb: () => Promise<{ db: Db; cleanup?: () => Promise<void> }>) {
  describe(`cart and listings tenant isolation on ${name}`, () => {
    let w: CartWorld;
    let cleanup: (() => Promise<void>) | undefined;
    let ownerB: ApiClient;
    let keyB: string;
    let shopA: string;
    let shopB: string;
    let roomA: string;
    let roomB: string;
    let listingA: string;
    let productA: string;
    let imageA: string;
    let snapshotA: unknown;

    const snapshot = async () => ({
      listings: (await w.owner.get(`/api/v1/shops/${shopA}/listings`)).body,
      products: (await w.owner.get(`/api/v1/shops/${shopA}/products`)).body,
      rates: (await w.owner.get(`/api/v1/shops/${shopA}/commission-rates`)).body,
      cart: (await w.owner.get(`/api/v1/shops/${shopA}/rooms/${roomA}/cart`)).body,
    });
    const refused = (res: { status: number; body: any }, status: number, code: string) => {
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.code).toBe(code);
    };

    beforeAll(async () => {
      const opened = await openDb();
      cleanup = opened.cleanup;
      w = await openCartWorld({ db: opened.db });
      shopA = w.shopId;
      roomA = (await w.owner.get(`/api/v1/shops/${shopA}/rooms`)).body.rooms[0].id;
      listingA = (await w.owner.get(`/api/v1/shops/${shopA}/listings`)).body.listings[0].id;
      productA = (await w.owner.get(`/api/v1/shops/${shopA}/products`)).body.products[0].id;
      imageA = (await w.upload(solidPng(4, 4))).body.image.id;

      ownerB = new ApiClient(w.server.url);
      await ownerB.post('/api/v1/auth/signup', { email: 'b@cart-b.example', password: 'shop-b-password', displayName: 'B' });
      shopB = (await ownerB.post('/api/v1/shops', { slug: 'cart-b', name: 'Cart B' })).body.shop.id;
      roomB = (await ownerB.post(`/api/v1/shops/${shopB}/rooms`, { slug: 'cart-b-room', title: 'B live' })).body.room.id;
      keyB = (await ownerB.post(`/api/v1/shops/${shopB}/api-keys`, { name: 'B key' })).body.secret;
      snapshotA = await snapshot();
    });

    afterAll(async () => {
      await w?.close();
      await cleanup?.();
    });

    it("refuses B's owner and B's key every read and write of A's listings, rates, images and cart", async () => {
      for (const client of [ownerB, ownerB.withKey(keyB)]) {
        for (const path of ['/listings', `/listings/${listingA}`, '/commission-rates', `/rooms/${roomA}/cart`, `/rooms/${roomA}/pins`])
          refused(await client.get(`/api/v1/shops/${shopA}${path}`), 403, 'IDENTITY_FORBIDDEN');
        refused(await client.post(`/api/v1/shops/${shopA}/listings`, { url: 'https://item.jd.com/1234567.html', title: 'x' }), 403, 'IDENTITY_FORBIDDEN');
        refused(await client.patch(`/api/v1/shops/${shopA}/listings/${listingA}`, { title: 'stolen' }), 403, 'IDENTITY_FORBIDDEN');
        refused(await client.delete(`/api/v1/shops/${shopA}/listings/${listingA}`), 403, 'IDENTITY_FORBIDDEN');
        refused(await client.post(`/api/v1/shops/${shopA}/commission-rates`, { own: 9999 }), 403, 'IDENTITY_FORBIDDEN');
        refused(await client.post(`/api/v1/shops/${shopA}/rooms/${roomA}/cart/items`, { productId: productA }), 403, 'IDENTITY_FORBIDDEN');
        refused(await client.post(`/api/v1/shops/${shopA}/rooms/${roomA}/cart/unpin`), 403, 'IDENTITY_FORBIDDEN');
      }
      const upload = await w.upload(solidPng(2, 2), 'image/png', keyB);
      expect(upload.status).toBe(403);
    });

    it("finds none of A's listings, products, images or rooms through B's own shop", async () => {
      refused(await ownerB.get(`/api/v1/shops/${shopB}/listings/${listingA}`), 404, 'CATALOG_LISTING_NOT_FOUND');
      refused(await ownerB.patch(`/api/v1/shops/${shopB}/listings/${listingA}`, { title: 'x' }), 404, 'CATALOG_LISTING_NOT_FOUND');
      refused(await ownerB.delete(`/api/v1/shops/${shopB}/listings/${listingA}`), 404, 'CATALOG_LISTING_NOT_FOUND');
      refused(await ownerB.post(`/api/v1/shops/${shopB}/rooms/${roomB}/cart/items`, { listingId: listingA }), 404, 'CATALOG_LISTING_NOT_FOUND');
      refused(await ownerB.post(`/api/v1/shops/${shopB}/rooms/${roomB}/cart/items`, { productId: productA }), 404, 'CATALOG_PRODUCT_NOT_FOUND');
      refused(await ownerB.get(`/api/v1/shops/${shopB}/rooms/${roomA}/cart`), 404, 'LIVE_ROOM_NOT_FOUND');
      refused(await ownerB.post(`/api/v1/shops/${shopB}/rooms/${roomA}/cart/unpin`), 404, 'LIVE_ROOM_NOT_FOUND');
      refused(await ownerB.post(`/api/v1/shops/${shopB}/products`, { title: 'x', priceMinor: 1, imageIds: [imageA] }), 404, 'CATALOG_IMAGE_NOT_FOUND');
      refused(await ownerB.post(`/api/v1/shops/${shopB}/listings`, { url: 'https://item.jd.com/1234567.html', title: 'x', imageId: imageA }), 404, 'CATALOG_IMAGE_NOT_FOUND');
      const items = (await w.owner.get(`/api/v1/shops/${shopA}/rooms/${roomA}/cart`)).body.items;
      refused(await ownerB.post(`/api/v1/shops/${shopB}/rooms/${roomB}/cart/pin`, { itemId: items[0].id }), 404, 'LIVE_CART_ITEM_NOT_FOUND');
      refused(await ownerB.delete(`/api/v1/shops/${shopB}/rooms/${roomB}/cart/items/${items[0].id}`), 404, 'LIVE_CART_ITEM_NOT_FOUND');
      expect((await ownerB.get(`/api/v1/shops/${shopB}/listings`)).body.listings).toEqual([]);
      expect((await ownerB.get(`/api/v1/shops/${shopB}/rooms/${roomB}/cart`)).body.items).toEqual([]);
    });

    it("leaves A's listings, products, rates and cart exactly as they were", async () => {
      expect(await snapshot()).toEqual(snapshotA);
    });
  });
}
