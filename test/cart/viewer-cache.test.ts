import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCart, VIEWER_CART_TTL_MS, type Cart } from '../../src/cart';
import { openCartWorld, type CartWorld } from './helpers';

/**
 * The viewer cart of a big room: thousands of viewers reload it on one `cart.changed`. Two carts on
 * one database stand for two nodes; one counts how often it builds the viewer cart.
 */
describe('viewer cart reads in a big room', () => {
  let w: CartWorld;
  let nodeA: Cart;
  let builds = 0;
  let roomId: string;
  let shopId: string;

  beforeAll(async () => {
    w = await openCartWorld();
    const h = w.server.hutong;
    shopId = w.shopId;
    roomId = (await w.owner.get(`/api/v1/shops/${shopId}/rooms`)).body.rooms[0].id;
    nodeA = createCart({
      db: h.db, clock: { now: () => new Date() }, rooms: h.rooms, listings: h.catalog.listings, commission: h.catalog.commission,
      policy: h.linkPolicy, clickOut: h.clickOut, announce: (room, e) => h.roomEvents.publish(room, e),
      products: { byIds: (s, ids) => { builds++; return h.products.byIds(s, ids); } },
    });
  });
  afterAll(() => w?.close());

  it('builds the cart once for a thousand concurrent readers', async () => {
    const carts = await Promise.all(Array.from({ length: 1000 }, () => nodeA.viewerCart('demo')));
    expect(builds).toBe(1);
    expect(new Set(carts.map((c) => JSON.stringify(c))).size).toBe(1);
    expect(carts[0]!.items.length).toBeGreaterThan(3);
  });

  it('reads fresh right after a change made on the same node', async () => {
    const before = await nodeA.viewerCart('demo');
    const ids = before.items.map((i) => i.id).reverse();
    await nodeA.reorder(shopId, roomId, ids);
    expect((await nodeA.viewerCart('demo')).items.map((i) => i.id)).toEqual(ids);
  });

  it('sees a change made on another node once the cache window has passed', async () => {
    const ids = (await nodeA.viewerCart('demo')).items.map((i) => i.id);
    const reordered = [ids[1]!, ids[0]!, ...ids.slice(2)];
    await w.server.hutong.cart.reorder(shopId, roomId, reordered); // "node B"
    await new Promise((r) => setTimeout(r, VIEWER_CART_TTL_MS + 50));
    expect((await nodeA.viewerCart('demo')).items.map((i) => i.id)).toEqual(reordered);
  });
});
