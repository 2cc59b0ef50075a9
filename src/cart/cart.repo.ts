import type { Queryable } from '../platform/db/db.port';
import type { PinRecord } from '../contracts/cart.schemas';
import type { PageQuery } from '../contracts/pagination.schemas';
import { keyset, mapPage, type KeysetRow, type Page } from '../platform/db/keyset';

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
const pinColumns = `id, cart_item_id AS "itemId", kind, ref_id AS "refId", title, pinned_at AS "pinnedAt", unpinned_at AS "unpinnedAt"`;
/** Overlaps [$2, $3), either end open when null. */
const pinWindow = `($3::timestamptz IS NULL OR pinned_at < $3) AND ($2::timestamptz IS NULL OR unpinned_at IS NULL OR unpinned_at > $2)`;
const toPin = (r: PinRow): PinRecord => ({
  ...r,
  pinnedAt: r.pinnedAt.toISOString(),
  unpinnedAt: r.unpinnedAt ? r.unpinnedAt.toISOString() : null,
});

// The class of the cart's advisory locks (the room id's hash is the other key): unique among
// hutong's advisory locks, like the migration lock.
const ROOM_CART_LOCK = 7_270_002;

/** The room cart's tables. Every statement that takes a shop id is scoped by it. */
export const cartRepo = {
  /**
   * Serialises the writes to one room's cart (positions, the size limit, the open pin) until the
   * transaction ends. A lock of the cart's own, so the cart never locks the live context's rooms.
   */
  async lockRoom(tx: Queryable, roomId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [ROOM_CART_LOCK, roomId]);
  },

  items(db: Queryable, roomId: string): Promise<CartRow[]> {
    return db.query<CartRow>(`SELECT ${cartColumns} FROM room_cart_items WHERE room_id = $1 ORDER BY position, added_at, id`, [roomId]);
  },

  async insert(db: Queryable, item: { id: string; shopId: string; roomId: string; productId: string | null; listingId: string | null; at: Date }): Promise<void> {
    await db.query(
      `INSERT INTO room_cart_items (id, shop_id, room_id, product_id, listing_id, position, added_at)
       VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(position), 0) + 1 FROM room_cart_items WHERE room_id = $3), $6)`,
      [item.id, item.shopId, item.roomId, item.productId, item.listingId, item.at],
    );
  },

  async delete(db: Queryable, shopId: string, roomId: string, itemId: string): Promise<boolean> {
    return (await db.query(`DELETE FROM room_cart_items WHERE shop_id = $1 AND room_id = $2 AND id = $3 RETURNING id`, [shopId, roomId, itemId])).length > 0;
  },

  /** Numbers the items 1, 2, 3… in the order given, in one statement. */
  async setPositions(db: Queryable, roomId: string, itemIds: readonly string[]): Promise<void> {
    await db.query(
      `UPDATE room_cart_items c SET position = o.position
       FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, position) WHERE c.room_id = $1 AND c.id = o.id`,
      [roomId, itemIds],
    );
  },

  /** The open pin whose cart item still exists. */
  async openPin(db: Queryable, roomId: string): Promise<OpenPin | undefined> {
    const [row] = await db.query<OpenPin>(
      `SELECT id, cart_item_id AS "itemId", pinned_at AS "pinnedAt" FROM room_pins
       WHERE room_id = $1 AND unpinned_at IS NULL AND cart_item_id IS NOT NULL`,
      [roomId],
    );
    return row;
  },

  /** Closes the room's open pin, if any, and says which item it was. */
  async closePin(db: Queryable, roomId: string, at: Date): Promise<{ itemId: string | null } | undefined> {
    const [row] = await db.query<{ itemId: string | null }>(
      `UPDATE room_pins SET unpinned_at = $2 WHERE room_id = $1 AND unpinned_at IS NULL RETURNING cart_item_id AS "itemId"`,
      [roomId, at],
    );
    return row;
  },

  async insertPin(db: Queryable, pin: { id: string; shopId: string; roomId: string; itemId: string; kind: 'product' | 'listing'; refId: string; title: string; at: Date }): Promise<void> {
    await db.query(
      `INSERT INTO room_pins (id, shop_id, room_id, cart_item_id, kind, ref_id, title, pinned_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [pin.id, pin.shopId, pin.roomId, pin.itemId, pin.kind, pin.refId, pin.title, pin.at],
    );
  },

  /** Pins whose window overlaps [from, to): the chapters of a show that ran in that window. */
  async pins(db: Queryable, roomId: string, from: Date | null, to: Date | null): Promise<PinRecord[]> {
    const rows = await db.query<PinRow>(
      `SELECT ${pinColumns} FROM room_pins WHERE room_id = $1 AND ${pinWindow}
       ORDER BY pinned_at, id LIMIT 5000`,
      [roomId, from, to],
    );
    return rows.map(toPin);
  },

  /** The same, a page at a time (the API's list). */
  async pinsPage(q: Queryable, roomId: string, from: Date | null, to: Date | null, query: PageQuery): Promise<Page<PinRecord>> {
    const ks = keyset(query, { key: 'pinned_at', keyType: 'timestamptz' }, 4);
    const rows = await q.query<PinRow & KeysetRow>(
      `SELECT ${pinColumns}, ${ks.keyColumns} FROM room_pins WHERE room_id = $1 AND ${pinWindow} ${ks.where} ${ks.orderLimit}`,
      [roomId, from, to, ...ks.params],
    );
    return mapPage(ks.page(rows), toPin);
  },

  /**
   * Closes every open pin whose item is one of these listings, and says which they were. One
   * statement: a pin a host replaced meanwhile is no longer open, so it is left alone.
   */
  async closePinsOfListings(db: Queryable, listingIds: readonly string[], at: Date): Promise<{ roomId: string; itemId: string }[]> {
    if (listingIds.length === 0) return [];
    return db.query<{ roomId: string; itemId: string }>(
      `UPDATE room_pins p SET unpinned_at = $2 FROM room_cart_items c
       WHERE c.id = p.cart_item_id AND p.unpinned_at IS NULL AND c.listing_id = ANY($1::uuid[])
       RETURNING p.room_id AS "roomId", p.cart_item_id AS "itemId"`,
      [listingIds, at],
    );
  },

  async roomsWith(db: Queryable, ref: { productId: string } | { listingId: string }): Promise<string[]> {
    const [column, id] = 'productId' in ref ? ['product_id', ref.productId] : ['listing_id', ref.listingId];
    const rows = await db.query<{ roomId: string }>(`SELECT DISTINCT room_id AS "roomId" FROM room_cart_items WHERE ${column} = $1`, [id]);
    return rows.map((r) => r.roomId);
  },

  async roomsWithListings(db: Queryable, listingIds: readonly string[]): Promise<string[]> {
    if (listingIds.length === 0) return [];
    const rows = await db.query<{ roomId: string }>(
      `SELECT DISTINCT room_id AS "roomId" FROM room_cart_items WHERE listing_id = ANY($1::uuid[])`,
      [listingIds],
    );
    return rows.map((r) => r.roomId);
  },
};
