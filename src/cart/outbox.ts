import type { Db, Queryable } from '../platform/db/db.port';
import { pruneOutbox, readOutbox, type OutboxPrune } from '../platform/db/outbox-cursor';

/** What a pin tells partners: which item of which room is being explained, from when. */
export interface ItemPinnedData {
  pinId: string;
  roomId: string;
  roomSlug: string;
  /** The cart item, and its number as viewers see it (#1, #2…). */
  itemId: string;
  number: number;
  kind: 'product' | 'listing';
  productId: string | null;
  listingId: string | null;
  title: string;
  pinnedAt: string;
}

/** An event as the outbox gives it out: its place, its shop and when it happened. */
export interface CartEvent {
  id: string;
  shopId: string;
  type: 'item.pinned';
  at: string;
  data: ItemPinnedData;
}

/**
 * The cart's outbox: a pin is written here in the transaction that made it (`emit` takes that
 * transaction), and read by others (webhooks) through `read` — committed rows only, oldest first,
 * with no gaps (outbox-cursor.ts).
 */
export const cartOutbox = {
  async emit(tx: Queryable, shopId: string, data: ItemPinnedData, at: Date): Promise<void> {
    await tx.query(`INSERT INTO cart_outbox (shop_id, type, subject_id, payload, created_at) VALUES ($1, 'item.pinned', $2, $3, $4)`, [
      shopId, data.pinId, JSON.stringify(data), at,
    ]);
  },

  /** Deletes rows every reader has read, older than the retention (docs/config.md, outbox retention). */
  prune: (db: Db, options: Parameters<OutboxPrune>[0]) => pruneOutbox(db, 'cart_outbox', options),

  async read(db: Db, options: { after?: string | undefined; limit: number }): Promise<{ events: CartEvent[]; next: string | null }> {
    const { rows, next } = await readOutbox<'item.pinned', ItemPinnedData>(db, 'cart_outbox', options);
    return { events: rows.map(({ id, shopId, at, data }) => ({ id, shopId, type: 'item.pinned' as const, at, data })), next };
  },
};
