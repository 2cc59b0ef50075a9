import type { Queryable } from '../platform/db/db.port';
import type { PinRecord } from '../contracts/cart.schemas';

export interface CartRow {
  id: string;
  productId: string | null;
  listingId: string | null;
  position: number;
  addedAt: Date;
}

export interface OpenPin {
  id: string;
  itemId: string;
  pinnedAt: Date;
}

const cartColumns = `id, product_id AS "productId", listing_id AS "listingId", position, added_at AS "addedAt"`;

interface PinRow {
  id: string;
  itemId: string | null;
  kind: 'product' | 'listing';
  refId: string;
  title: string;
  pinnedAt: Date;
  unpinnedAt: Date | null;
}
const toPin = (r: PinRow): PinRecord => ({
  ...r,
  pinnedAt: r.pinnedAt.toISOString(),
  unpinnedAt: r.unpinnedAt ? r.unpinnedAt.toISOString() : null,
});

/** The room cart's tables. Every statement that takes a shop id is scoped by it. */
export const cartRepo = {
  async room(q: Queryable, shopId: string, roomId: string, lock = false): Promise<boolean> {
    const rows = await q.query(`SELECT id FROM rooms WHERE shop_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [shopId, roomId]);
    return rows.length > 0;
  },

  async roomBySlug(q: Queryable, slug: string): Promise<{ id: string; shopId: string } | undefined> {
    const [row] = await q.query<{ id: string; shopId: string }>(`SELECT id, shop_id AS "shopId" FROM rooms WHERE slug = $1`, [slug]);
    return row;
  },

  items(q: Queryable, roomId: string): Promise<CartRow[]> {
    return q.query<CartRow>(`SELECT ${cartColumns} FROM room_cart_items WHERE room_id = $1 ORDER BY position, added_at, id`, [roomId]);
  },

  async insert(q: Queryable, r: { id: string; shopId: string; roomId: string; productId: string | null; listingId: string | null; at: Date }): Promise<void> {
    await q.query(
      `INSERT INTO room_cart_items (id, shop_id, room_id, product_id, listing_id, position, added_at)
       VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(position), 0) + 1 FROM room_cart_items WHERE room_id = $3), $6)`,
      [r.id, r.shopId, r.roomId, r.productId, r.listingId, r.at],
    );
  },

  async delete(q: Queryable, shopId: string, roomId: string, itemId: string): Promise<boolean> {
    return (await q.query(`DELETE FROM room_cart_items WHERE shop_id = $1 AND room_id = $2 AND id = $3 RETURNING id`, [shopId, roomId, itemId])).length > 0;
  },

  async setPositions(q: Queryable, roomId: string, itemIds: readonly string[]): Promise<void> {
    for (const [i, id] of itemIds.entries()) {
      await q.query(`UPDATE room_cart_items SET position = $3 WHERE room_id = $1 AND id = $2`, [roomId, id, i + 1]);
    }
  },

  /** The open pin whose cart item still exists. */
  async openPin(q: Queryable, roomId: string): Promise<OpenPin | undefined> {
    const [row] = await q.query<OpenPin>(
      `SELECT id, cart_item_id AS "itemId", pinned_at AS "pinnedAt" FROM room_pins
       WHERE room_id = $1 AND unpinned_at IS NULL AND cart_item_id IS NOT NULL`,
      [roomId],
    );
    return row;
  },

  /** Closes the room's open pin, if any, and says which item it was. */
  async closePin(q: Queryable, roomId: string, at: Date): Promise<{ itemId: string | null } | undefined> {
    const [row] = await q.query<{ itemId: string | null }>(
      `UPDATE room_pins SET unpinned_at = $2 WHERE room_id = $1 AND unpinned_at IS NULL RETURNING cart_item_id AS "itemId"`,
      [roomId, at],
    );
    return row;
  },

  async insertPin(q: Queryable, p: { id: string; shopId: string; roomId: string; itemId: string; kind: 'product' | 'listing'; refId: string; title: string; at: Date }): Promise<void> {
    await q.query(
      `INSERT INTO room_pins (id, shop_id, room_id, cart_item_id, kind, ref_id, title, pinned_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [p.id, p.shopId, p.roomId, p.itemId, p.kind, p.refId, p.title, p.at],
    );
  },

  /** Pins whose window overlaps [from, to): the chapters of a show that ran in that window. */
  async pins(q: Queryable, roomId: string, from: Date | null, to: Date | null): Promise<PinRecord[]> {
    const rows = await q.query<PinRow>(
      `SELECT id, cart_item_id AS "itemId", kind, ref_id AS "refId", title, pinned_at AS "pinnedAt", unpinned_at AS "unpinnedAt"
       FROM room_pins
       WHERE room_id = $1 AND ($3::timestamptz IS NULL OR pinned_at < $3) AND ($2::timestamptz IS NULL OR unpinned_at IS NULL OR unpinned_at > $2)
       ORDER BY pinned_at, id LIMIT 5000`,
      [roomId, from, to],
    );
    return rows.map(toPin);
  },

  /** Open pins whose item is one of these listings. */
  async openPinsOfListings(q: Queryable, listingIds: readonly string[]): Promise<{ roomId: string; itemId: string }[]> {
    if (listingIds.length === 0) return [];
    return q.query<{ roomId: string; itemId: string }>(
      `SELECT p.room_id AS "roomId", p.cart_item_id AS "itemId" FROM room_pins p JOIN room_cart_items c ON c.id = p.cart_item_id
       WHERE p.unpinned_at IS NULL AND c.listing_id = ANY($1::uuid[])`,
      [listingIds],
    );
  },

  /** Closes the room's open pin only if it is still `itemId` (a host may have pinned another meanwhile). */
  async closePinOf(q: Queryable, roomId: string, itemId: string, at: Date): Promise<boolean> {
    const rows = await q.query(
      `UPDATE room_pins SET unpinned_at = $3 WHERE room_id = $1 AND cart_item_id = $2 AND unpinned_at IS NULL RETURNING id`,
      [roomId, itemId, at],
    );
    return rows.length > 0;
  },

  async roomsWith(q: Queryable, ref: { productId: string } | { listingId: string }): Promise<string[]> {
    const [column, id] = 'productId' in ref ? ['product_id', ref.productId] : ['listing_id', ref.listingId];
    const rows = await q.query<{ roomId: string }>(`SELECT DISTINCT room_id AS "roomId" FROM room_cart_items WHERE ${column} = $1`, [id]);
    return rows.map((r) => r.roomId);
  },

  async roomsWithListings(q: Queryable, listingIds: readonly string[]): Promise<string[]> {
    if (listingIds.length === 0) return [];
    const rows = await q.query<{ roomId: string }>(
      `SELECT DISTINCT room_id AS "roomId" FROM room_cart_items WHERE listing_id = ANY($1::uuid[])`,
      [listingIds],
    );
    return rows.map((r) => r.roomId);
  },
};
