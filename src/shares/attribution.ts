import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { newId } from '../kernel/ids';
import type { ShareSignal } from '../contracts/shares.schemas';

export interface AttributionDeps {
  db: Db;
  clock: Clock;
  rooms: { bySlug(slug: string): Promise<{ id: string; shopId: string }> };
  liveShowOf(roomId: string): Promise<string | null>;
  /** What a visitor does this long after arriving through a share is credited to it. */
  windowMs: number;
}

/** A paid order, as sales tells it (its outbox event, after commit). */
export interface PaidOrder {
  shopId: string;
  orderId: string;
  buyerId: string;
  roomId: string | null;
  showId: string | null;
  amountMinor: number;
  currency: string;
  at: Date;
}

/**
 * Credits what visitors do after arriving through a share: cart opens and click-outs the room page
 * reports (only from a browser that has a recorded visit of that share, in the same shop, within
 * the window), and orders paid by an account whose latest visit of one of the shop's shares is
 * within the window before payment (last visit wins; an order is credited once).
 */
export function createAttribution({ db, clock, rooms, liveShowOf, windowMs }: AttributionDeps) {
  const since = (at: Date) => new Date(at.getTime() - windowMs);

  return {
    /**
     * A signal from the room page of a browser that came through share `code`. Binds the browser's
     * visits to the account when logged in (so its later orders are credited), then records the
     * cart open or click-out. Anything that does not add up is ignored: the page is not told why.
     */
    async signal(code: string, who: { visitorId: string; viewerId: string | null }, signal: ShareSignal, roomSlug: string): Promise<void> {
      const now = clock.now();
      const room = await rooms.bySlug(roomSlug).catch(() => undefined);
      if (!room) return;
      const [visit] = await db.query<{ shopId: string }>(
        `SELECT shop_id AS "shopId" FROM share_visits WHERE code = $1 AND visitor_id = $2 AND at > $3 ORDER BY at DESC LIMIT 1`,
        [code, who.visitorId, since(now)],
      );
      if (!visit || visit.shopId !== room.shopId) return;
      if (who.viewerId) {
        await db.query(`UPDATE share_visits SET viewer_id = $2 WHERE visitor_id = $1 AND viewer_id IS NULL AND at > $3`, [who.visitorId, who.viewerId, since(now)]);
      }
      if (signal === 'room.opened') return;
      const showId = await liveShowOf(room.id).catch(() => null);
      await db.query(
        `INSERT INTO share_events (id, code, shop_id, kind, room_id, show_id, visitor_id, viewer_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [newId(), code, room.shopId, signal, room.id, showId, who.visitorId, who.viewerId, now],
      );
    },

    /** Credits a paid order to the share its buyer last came through (this shop, within the window); once. */
    async orderPaid(o: PaidOrder): Promise<string | null> {
      const [visit] = await db.query<{ code: string }>(
        `SELECT code FROM share_visits WHERE viewer_id = $1 AND shop_id = $2 AND at > $3 AND at <= $4 ORDER BY at DESC LIMIT 1`,
        [o.buyerId, o.shopId, since(o.at), o.at],
      );
      if (!visit) return null;
      await db.query(
        `INSERT INTO share_events (id, code, shop_id, kind, room_id, show_id, viewer_id, order_id, amount_minor, currency, at)
         VALUES ($1, $2, $3, 'order.paid', $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (order_id) WHERE order_id IS NOT NULL DO NOTHING`,
        [newId(), visit.code, o.shopId, o.roomId, o.showId, o.buyerId, o.orderId, o.amountMinor, o.currency, o.at],
      );
      return visit.code;
    },
  };
}

export type Attribution = ReturnType<typeof createAttribution>;
