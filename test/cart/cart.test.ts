import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomEvent } from '../../src/contracts/room-events.schemas';
import { ApiClient } from '../support/http';
import { openCartWorld, type CartWorld } from './helpers';

/** The room cart: both kinds of item, numbered; reorder; pin one at a time; room events; pins kept for replays. */
describe('room cart and the explaining card', () => {
  let w: CartWorld;
  let base: string;
  let roomId: string;
  let cartPath: string;
  const events: RoomEvent[] = [];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    w = await openCartWorld();
    base = `/api/v1/shops/${w.shopId}`;
    roomId = (await w.owner.get(`${base}/rooms`)).body.rooms.find((r: any) => r.slug === 'demo').id;
    cartPath = `${base}/rooms/${roomId}/cart`;
    stop = await w.server.hutong.roomEvents.subscribe(roomId, (e) => events.push(e));
  });
  afterAll(async () => {
    await stop?.();
    await w?.close();
  });

  const waitFor = async (pred: (e: RoomEvent) => boolean) => {
    await expect.poll(() => events.some(pred), { timeout: 15_000 }).toBe(true);
    return events.find(pred)!;
  };

  it('shows the seeded demo cart to an anonymous viewer: own products and marketplace links, numbered', async () => {
    const res = await new ApiClient(w.server.url).get('/api/v1/rooms/demo/cart');
    expect(res.status).toBe(200);
    const items = res.body.items;
    expect(items.map((i: any) => i.number)).toEqual(items.map((_: unknown, i: number) => i + 1));
    expect(items.filter((i: any) => i.kind === 'listing').map((i: any) => i.marketplace).sort()).toEqual(['jd', 'taobao']);
    const listing = items.find((i: any) => i.marketplace === 'taobao');
    expect(listing.link.mode).toBe('link');
    expect(listing.link.url).toMatch(/^\/go\/[a-zA-Z0-9]{10}$/);
    expect(items.find((i: any) => i.kind === 'product').link).toBeNull();
    // Viewers never see commission rates or internal ids.
    expect(JSON.stringify(res.body)).not.toMatch(/commission|refId/);
  });

  it('adds both kinds, refuses duplicates and unknown items, and announces cart.changed', async () => {
    const product = (await w.owner.post(`${base}/products`, { title: '新品茶杯', priceMinor: 3900, stock: 5 })).body.product;
    events.length = 0;
    const added = await w.owner.post(`${cartPath}/items`, { productId: product.id });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const cart = (await w.owner.get(cartPath)).body;
    expect(cart.items.at(-1)).toMatchObject({ kind: 'product', refId: product.id, number: cart.items.length });
    await waitFor((e) => e.type === 'cart.changed' && e.reason === 'added');
    const again = await w.owner.post(`${cartPath}/items`, { productId: product.id });
    expect([again.status, again.body.error.code]).toEqual([409, 'LIVE_CART_ITEM_PRESENT']);
    const unknown = await w.owner.post(`${cartPath}/items`, { listingId: '00000000-0000-4000-8000-000000000000' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'CATALOG_LISTING_NOT_FOUND']);
    const both = await w.owner.post(`${cartPath}/items`, { productId: product.id, listingId: product.id });
    expect(both.status).toBe(400);
  });

  it('reorders: the numbers follow the new order; a partial order is refused', async () => {
    const ids: string[] = (await w.owner.get(cartPath)).body.items.map((i: any) => i.id);
    const reversed = [...ids].reverse();
    const res = await w.owner.post(`${cartPath}/order`, { itemIds: reversed });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((i: any) => i.id)).toEqual(reversed);
    expect(res.body.items.map((i: any) => i.number)).toEqual(ids.map((_, i) => i + 1));
    const viewer = (await new ApiClient(w.server.url).get('/api/v1/rooms/demo/cart')).body.items.map((i: any) => i.id);
    expect(viewer).toEqual(reversed);
    const partial = await w.owner.post(`${cartPath}/order`, { itemIds: reversed.slice(1) });
    expect([partial.status, partial.body.error.code]).toEqual([400, 'LIVE_CART_ORDER_MISMATCH']);
  });

  it('pins one item at a time, sends the explaining card, and keeps every pin window for replay chapters', async () => {
    const items = (await w.owner.get(cartPath)).body.items;
    const [a, b] = [items[0], items[1]];
    events.length = 0;
    expect((await w.owner.post(`${cartPath}/pin`, { itemId: a.id })).status).toBe(200);
    const pinnedA = await waitFor((e) => e.type === 'product.pinned');
    expect(pinnedA.type === 'product.pinned' && pinnedA.item).toMatchObject({ id: a.id, number: 1, title: a.title });
    expect((await w.owner.post(`${cartPath}/pin`, { itemId: b.id })).status).toBe(200);
    const viewerCart = (await new ApiClient(w.server.url).get('/api/v1/rooms/demo/cart')).body;
    expect(viewerCart.pinned.item.id).toBe(b.id);
    expect((await w.owner.post(`${cartPath}/unpin`)).status).toBe(204);
    await waitFor((e) => e.type === 'product.unpinned' && e.itemId === b.id);
    expect((await new ApiClient(w.server.url).get('/api/v1/rooms/demo/cart')).body.pinned).toBeNull();

    const pins = (await w.owner.get(`${base}/rooms/${roomId}/pins`)).body.pins;
    expect(pins.map((p: any) => p.itemId)).toEqual([a.id, b.id]);
    expect(pins.every((p: any) => p.unpinnedAt !== null)).toBe(true);
    expect(pins[0].unpinnedAt).toBe(pins[1].pinnedAt); // switching items closes one window as the next opens
    const fromLiveContext = await w.server.hutong.cart.pins(roomId, { from: new Date(pins[1].pinnedAt) });
    // A window starting when B was pinned holds B's chapter only (A's ended at that instant).
    expect(fromLiveContext.map((p) => p.itemId)).toEqual([b.id]);
  });

  it('keeps exactly one open pin when hosts pin different items at the same moment', async () => {
    const items = (await w.owner.get(cartPath)).body.items.slice(0, 4);
    const answers = await Promise.all(items.map((i: any) => w.owner.post(`${cartPath}/pin`, { itemId: i.id })));
    expect(answers.map((a) => a.status)).toEqual(items.map(() => 200));
    const open = (await w.owner.get(`${base}/rooms/${roomId}/pins`)).body.pins.filter((p: any) => p.unpinnedAt === null);
    expect(open).toHaveLength(1);
    expect((await w.owner.get(cartPath)).body.pinned.itemId).toBe(open[0].itemId);
  });

  it('unpins an item taken out of the cart, and the replay keeps its chapter', async () => {
    const items = (await w.owner.get(cartPath)).body.items;
    const last = items.at(-1);
    await w.owner.post(`${cartPath}/pin`, { itemId: last.id });
    events.length = 0;
    expect((await w.owner.delete(`${cartPath}/items/${last.id}`)).status).toBe(204);
    await waitFor((e) => e.type === 'product.unpinned' && e.itemId === last.id);
    await waitFor((e) => e.type === 'cart.changed' && e.reason === 'removed');
    expect((await w.owner.get(cartPath)).body.pinned).toBeNull();
    const pins = (await w.owner.get(`${base}/rooms/${roomId}/pins`)).body.pins;
    expect(pins.at(-1)).toMatchObject({ title: last.title, itemId: null });
    expect(pins.at(-1).unpinnedAt).not.toBeNull();
    const gone = await w.owner.delete(`${cartPath}/items/${last.id}`);
    expect([gone.status, gone.body.error.code]).toEqual([404, 'LIVE_CART_ITEM_NOT_FOUND']);
  });

  it('tells the room when an item in its cart changes: a disabled listing leaves the viewer cart, a deleted product too', async () => {
    const viewer = new ApiClient(w.server.url);
    const studio = (await w.owner.get(cartPath)).body.items;
    const listing = studio.find((i: any) => i.kind === 'listing');
    events.length = 0;
    expect((await w.owner.patch(`${base}/listings/${listing.refId}`, { enabled: false })).status).toBe(200);
    await waitFor((e) => e.type === 'cart.changed' && e.reason === 'updated');
    expect((await viewer.get('/api/v1/rooms/demo/cart')).body.items.map((i: any) => i.id)).not.toContain(listing.id);
    expect((await w.owner.get(cartPath)).body.items.find((i: any) => i.id === listing.id).policy).toBe('hidden');
    await w.owner.patch(`${base}/listings/${listing.refId}`, { enabled: true });

    const product = studio.find((i: any) => i.kind === 'product');
    events.length = 0;
    expect((await w.owner.delete(`${base}/products/${product.refId}`)).status).toBe(204);
    await waitFor((e) => e.type === 'cart.changed' && e.reason === 'updated');
    expect((await w.owner.get(cartPath)).body.items.map((i: any) => i.id)).not.toContain(product.id);
  });

  it('lets the host build the cart and pin, and answers an unknown room as not found', async () => {
    const host = new ApiClient(w.server.url);
    await host.login(w.server.seed.hostEmail, w.server.seed.ownerPassword);
    const items = (await host.get(cartPath)).body.items;
    expect((await host.post(`${cartPath}/pin`, { itemId: items[0].id })).status).toBe(200);
    const none = await w.owner.get(`${base}/rooms/00000000-0000-4000-8000-000000000000/cart`);
    expect([none.status, none.body.error.code]).toEqual([404, 'LIVE_ROOM_NOT_FOUND']);
    const noSlug = await new ApiClient(w.server.url).get('/api/v1/rooms/no-such-room/cart');
    expect(noSlug.status).toBe(404);
  });
});
