import type { Queryable } from '../platform/db/db.port';
import { keyset, type KeysetRow, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { z } from 'zod';
import type { busyRoom, overviewAnswer, showSummary } from '../contracts/analytics.schemas';

type ShowSummary = z.infer<typeof showSummary>;
type BusyRoom = z.infer<typeof busyRoom>;
const int = (v: string | number | null | undefined): number => Number(v ?? 0);

/** A show is live for the overview while it was sampled within this long. */
export const LIVE_WITHIN_MS = 2 * 60_000;

/** Each show's headline numbers in one row (running totals are their maximum, happenings their sum). */
const PER_SHOW = `
  SELECT s.show_id, s.shop_id, s.room_id, s.room_slug, s.first_at, s.last_at, s.currency, s.online_now,
    COALESCE(MAX(m.pcu), 0) AS pcu, COALESCE(MAX(m.views), 0) AS views, COALESCE(MAX(m.unique_viewers), 0) AS unique_viewers,
    COALESCE(SUM(m.watch_seconds), 0) AS watch_seconds, COALESCE(MAX(m.likes), 0) AS likes,
    COALESCE(SUM(m.orders), 0) AS orders, COALESCE(SUM(m.paid_orders), 0) AS paid_orders, COALESCE(SUM(m.gmv_minor), 0) AS gmv_minor
  FROM analytics_shows s LEFT JOIN analytics_minutes m ON m.show_id = s.show_id`;

export const overviewRepo = {
  /** A shop's shows, newest first. */
  async showsOfShop(q: Queryable, shopId: string, query: PageQuery): Promise<Page<ShowSummary>> {
    const ks = keyset(query, { key: 'x.first_at', keyType: 'timestamptz', id: 'x.show_id', descending: true }, 2);
    const rows = await q.query<Record<string, string | number | Date | null> & KeysetRow>(
      `SELECT x.*, ${ks.keyColumns} FROM (${PER_SHOW} WHERE s.shop_id = $1 GROUP BY s.show_id) x
       WHERE TRUE ${ks.where} ${ks.orderLimit}`,
      [shopId, ...ks.params],
    );
    const page = ks.page(rows);
    return {
      items: page.items.map((r) => {
        const views = int(r.views as string);
        const unique = int(r.unique_viewers as string);
        const gmv = int(r.gmv_minor as string);
        return {
          showId: String(r.show_id), roomId: String(r.room_id), firstAt: (r.first_at as Date).toISOString(),
          lastAt: (r.last_at as Date).toISOString(), currency: (r.currency as string | null) ?? null, pcu: int(r.pcu as string), views, unique,
          avgWatchSeconds: unique > 0 ? Math.round((Number(r.watch_seconds) / unique) * 10) / 10 : 0, likes: int(r.likes as string),
          orders: int(r.orders as string), paidOrders: int(r.paid_orders as string), gmvMinor: gmv,
          gpmMinor: views > 0 ? Math.floor((gmv * 1000) / views) : 0,
        };
      }),
      next: page.next,
    };
  },

  /** Every shop since `since`: views begun, orders and GMV; shows sampled lately and who watches them. */
  async overview(q: Queryable, since: Date, now: Date): Promise<z.infer<typeof overviewAnswer>> {
    const liveSince = new Date(now.getTime() - LIVE_WITHIN_MS);
    const [live] = await q.query<{ n: string; online: string | null }>(
      `SELECT count(*) AS n, SUM(online_now) AS online FROM analytics_shows WHERE sampled_at >= $1`,
      [liveSince],
    );
    const [views] = await q.query<{ n: string | null }>(
      `SELECT SUM(after - before) AS n FROM (
         SELECT COALESCE(MAX(views) FILTER (WHERE minute >= $1), 0) AS after,
                COALESCE(MAX(views) FILTER (WHERE minute < $1), 0) AS before
         FROM analytics_minutes WHERE show_id IN (SELECT show_id FROM analytics_shows WHERE last_at >= $1) GROUP BY show_id
       ) v WHERE after > before`,
      [since],
    );
    const sales = await q.query<{ currency: string | null; orders: string; gmv: string }>(
      `SELECT s.currency, SUM(m.orders) AS orders, SUM(m.gmv_minor) AS gmv
       FROM analytics_minutes m JOIN analytics_shows s ON s.show_id = m.show_id
       WHERE m.minute >= $1 GROUP BY s.currency`,
      [since],
    );
    const gmvMinor: Record<string, number> = {};
    for (const r of sales) if (r.currency) gmvMinor[r.currency] = int(r.gmv);
    return {
      since: since.toISOString(),
      liveNow: int(live?.n),
      onlineNow: int(live?.online),
      views: int(views?.n),
      orders: sales.reduce((n, r) => n + int(r.orders), 0),
      gmvMinor,
    };
  },

  /** Shows sampled lately, most viewers online first. */
  async busiestRooms(q: Queryable, now: Date, query: PageQuery): Promise<Page<BusyRoom>> {
    const ks = keyset(query, { key: 'x.online_now', keyType: 'bigint', id: 'x.show_id', descending: true }, 2);
    const rows = await q.query<Record<string, string | number | Date | null> & KeysetRow>(
      `SELECT x.*, ${ks.keyColumns} FROM (${PER_SHOW} WHERE s.sampled_at >= $1 GROUP BY s.show_id) x
       WHERE TRUE ${ks.where} ${ks.orderLimit}`,
      [new Date(now.getTime() - LIVE_WITHIN_MS), ...ks.params],
    );
    const page = ks.page(rows);
    return {
      items: page.items.map((r) => ({
        showId: String(r.show_id), shopId: String(r.shop_id), roomId: String(r.room_id), roomSlug: (r.room_slug as string | null) ?? null, online: int(r.online_now as number),
        views: int(r.views as string), orders: int(r.orders as string), gmvMinor: int(r.gmv_minor as string),
        currency: (r.currency as string | null) ?? null, lastAt: (r.last_at as Date).toISOString(),
      })),
      next: page.next,
    };
  },
};
