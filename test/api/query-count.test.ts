import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../src/platform/db/db.port';
import { openCartWorld, type CartWorld } from '../cart/helpers';
import { ApiClient } from '../support/http';
import { openTestPglite } from '../support/pglite';

/** Every statement sent to the database, through `db` or inside its transactions. */
function countingDb(db: Db) {
  const statements: string[] = [];
  const counted = (q: Queryable): Queryable => ({
    query(sql, params) {
      statements.push(sql.replace(/\s+/g, ' ').trim().slice(0, 100));
      return q.query(sql, params);
    },
  });
  const wrapped: Db = {
    kind: db.kind,
    ...counted(db),
    transaction: (fn) => db.transaction((tx) => fn(counted(tx))),
    ping: () => db.ping(),
    close: () => db.close(),
  };
  return {
    db: wrapped,
    /** The statements `action` sent. */
    async during(action: () => Promise<unknown>): Promise<string[]> {
      const from = statements.length;
      await action();
      return statements.slice(from);
    },
  };
}

/**
 * How many statements the hot reads send: playback (every `/live/ROOM.flv` and `/hls/…` request) and
 * the room cart. Figures are printed for the notes; the assertions are what must hold.
 */
describe('database statements per hot read', () => {
  let w: CartWorld;
  let counter: ReturnType<typeof countingDb>;
  let roomId: string;
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    counter = countingDb(await openTestPglite());
    w = await openCartWorld({ db: counter.db });
    roomId = (await w.owner.get(`/api/v1/shops/${w.shopId}/rooms`)).body.rooms[0].id;
  });
  afterAll(async () => {
    console.log(`statements per read: ${JSON.stringify(figures)}`);
    await w?.close();
  });

  const get = (path: string) => fetch(`${w.server.url}${path}`).then(async (res) => (await res.arrayBuffer(), res.status));

  it('sends no statement for an HTTP-FLV request once the room is known', async () => {
    expect(await get('/live/demo.flv')).toBe(404); // nothing live: the lookup is what is counted
    const ten = await counter.during(async () => {
      for (let i = 0; i < 10; i++) expect(await get('/live/demo.flv')).toBe(404);
    });
    figures.flv = ten.length / 10;
    expect(ten).toEqual([]);
  });

  it('asks only whether a show is live for an HLS request once the room is known', async () => {
    await get('/hls/demo/index.m3u8');
    const ten = await counter.during(async () => {
      for (let i = 0; i < 10; i++) expect(await get('/hls/demo/index.m3u8')).toBe(404);
    });
    figures.hls = ten.length / 10;
    expect(ten.length).toBe(10);
  });

  /**
   * The room lookup is cached for a while (rooms.cache.ts): asking for the room just before a counted
   * read keeps a slow machine's seconds out of the cart's figures.
   */
  const knowTheRoom = async () => expect((await w.owner.get('/api/v1/rooms/demo')).status).toBe(200);

  /** A viewer's read right after the cart changed on this node (the cache was cleared). */
  async function coldViewerRead(): Promise<string[]> {
    const items = (await w.owner.get(`/api/v1/rooms/demo/cart`)).body.items as { id: string }[];
    const order = await w.owner.post(`/api/v1/shops/${w.shopId}/rooms/${roomId}/cart/order`, { itemIds: items.map((i) => i.id).reverse() });
    expect(order.status).toBe(200);
    await knowTheRoom();
    return counter.during(async () => expect((await w.owner.get('/api/v1/rooms/demo/cart')).status).toBe(200));
  }

  it('reads a cart in as many statements whatever the number of items, new links included', async () => {
    const before = await coldViewerRead();
    const items = (await w.owner.get('/api/v1/rooms/demo/cart')).body.items.length as number;
    const studio = await counter.during(() => w.owner.get(`/api/v1/shops/${w.shopId}/rooms/${roomId}/cart`));
    // Five more JD listings while JD is hidden in carts, so their click-out codes are not made yet…
    const operator = new ApiClient(w.server.url);
    await operator.login(w.server.seed.operatorEmail, w.server.seed.ownerPassword);
    const jdInCart = (mode: string) => operator.post('/api/v1/ops/link-policy', { marketplace: 'jd', scene: 'cart', mode });
    expect((await jdInCart('hidden')).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const listing = await w.owner.post(`/api/v1/shops/${w.shopId}/listings`, { url: `https://item.jd.com/10000000000${i}.html`, title: `JD ${i}` });
      expect(listing.status).toBe(201);
      expect((await w.owner.post(`/api/v1/shops/${w.shopId}/rooms/${roomId}/cart/items`, { listingId: listing.body.listing.id })).status).toBe(201);
    }
    // …then shown again: the next read makes the five codes.
    expect((await jdInCart('link')).status).toBe(200);
    await knowTheRoom();
    const firstWithNew = await counter.during(async () => expect((await w.owner.get('/api/v1/rooms/demo/cart')).body.items).toHaveLength(items + 5));
    const after = await coldViewerRead();
    const studioAfter = await counter.during(() => w.owner.get(`/api/v1/shops/${w.shopId}/rooms/${roomId}/cart`));
    Object.assign(figures, {
      [`viewerCart${items}Items`]: before.length, [`studioCart${items}Items`]: studio.length, viewerCartMaking5Codes: firstWithNew.length,
      [`viewerCart${items + 5}Items`]: after.length, [`studioCart${items + 5}Items`]: studioAfter.length,
    });
    expect(after, before.join('\n')).toHaveLength(before.length);
    expect(firstWithNew.length, firstWithNew.join('\n')).toBeLessThanOrEqual(before.length + 2);
    expect(studioAfter, studio.join('\n')).toHaveLength(studio.length);
  });

  it("writes a cart's order and a product's SKUs in as many statements whatever their number", async () => {
    const cart = `/api/v1/shops/${w.shopId}/rooms/${roomId}/cart`;
    const ids = ((await w.owner.get(cart)).body.items as { id: string }[]).map((i) => i.id);
    const reorder = (itemIds: string[]) => counter.during(async () => expect((await w.owner.post(`${cart}/order`, { itemIds })).status).toBe(200));
    const all = await reorder([...ids].reverse());
    for (const id of ids.slice(-5)) expect((await w.owner.delete(`${cart}/items/${id}`)).status).toBe(204);
    const fewer = await reorder(ids.slice(0, -5).reverse());
    Object.assign(figures, { [`reorder${ids.length}Items`]: all.length, [`reorder${ids.length - 5}Items`]: fewer.length });

    const sizes = ['S', 'M', 'L', 'XL'];
    const skus = (colours: string[]) => ({
      options: [{ name: 'colour', values: colours }, { name: 'size', values: sizes }],
      skus: colours.flatMap((colour) => sizes.map((size) => ({ options: { colour, size }, priceMinor: 1000, stock: 1 }))),
    });
    const created = await w.owner.post(`/api/v1/shops/${w.shopId}/products`, { title: 'Tee', priceMinor: 1000, ...skus(['red']) });
    expect(created.status).toBe(201);
    const product = `/api/v1/shops/${w.shopId}/products/${created.body.product.id}`;
    const update = (body: object) => counter.during(async () => expect((await w.owner.patch(product, body)).status).toBe(200));
    const four = await update(skus(['blue']));
    const sixteen = await update(skus(['red', 'blue', 'green', 'black']));
    Object.assign(figures, { productWith4Skus: four.length, productWith16Skus: sixteen.length });
    expect(all.length).toBe(fewer.length);
    expect(sixteen.length).toBe(four.length);
  });
});
