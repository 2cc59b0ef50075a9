import type { Queryable } from '../platform/db/db.port';
import { keyset, type KeysetRow, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { ProductFunnel, ShowMinute, ShowTotals } from '../contracts/analytics.schemas';

const int = (v: string | number | null | undefined): number => Number(v ?? 0);
const perMille = (gmv: number, views: number): number => (views > 0 ? Math.floor((gmv * 1000) / views) : 0);
const avg = (seconds: number, viewers: number): number => (viewers > 0 ? Math.round((seconds / viewers) * 10) / 10 : 0);

interface SeriesRow {
  minute: Date;
  onlinePeak: number;
  watchSeconds: number;
  pcu: string;
  entering: string;
  viewsTotal: string;
  uniqueTotal: string;
  watchTotal: number;
  likes: string;
  chat: string;
  follows: number;
  shares: number;
  cartOpens: number;
  ownClicks: number;
  externalClicks: number;
  orders: number;
  units: number;
  gmvMinor: string;
  gmvTotal: string;
  paidOrders: number;
  paidMinor: string;
}

const toMinute = (r: SeriesRow): ShowMinute => ({
  minute: r.minute.toISOString(),
  online: Math.round((r.watchSeconds / 60) * 10) / 10,
  onlinePeak: r.onlinePeak,
  pcu: int(r.pcu),
  entering: int(r.entering),
  viewsTotal: int(r.viewsTotal),
  uniqueTotal: int(r.uniqueTotal),
  avgWatchSeconds: avg(r.watchTotal, int(r.uniqueTotal)),
  likes: int(r.likes),
  chat: int(r.chat),
  follows: r.follows,
  shares: r.shares,
  cartOpens: r.cartOpens,
  ownClicks: r.ownClicks,
  externalClicks: r.externalClicks,
  orders: r.orders,
  units: r.units,
  gmvMinor: int(r.gmvMinor),
  paidOrders: r.paidOrders,
  paidMinor: int(r.paidMinor),
  gpmMinor: perMille(int(r.gmvTotal), int(r.viewsTotal)),
});

export const seriesRepo = {
  /**
   * The show's minutes, oldest first, a page at a time. Samples are running totals merged by
   * GREATEST; a minute written only by a happening (an order before that minute's first sample) has
   * zeros there, so each total is the running maximum and a per-minute figure its rise since the
   * minute before.
   */
  async minutes(q: Queryable, showId: string, query: PageQuery): Promise<Page<ShowMinute>> {
    const ks = keyset(query, { key: 's.minute', keyType: 'timestamptz', id: 's.show_id' }, 2);
    const rows = await q.query<SeriesRow & KeysetRow>(
      `WITH totals AS (
         SELECT m.*,
           MAX(views) OVER run AS views_total, MAX(unique_viewers) OVER run AS unique_total,
           MAX(likes) OVER run AS likes_total, MAX(chat) OVER run AS chat_total, MAX(pcu) OVER run AS pcu_total,
           SUM(watch_seconds) OVER run AS watch_total, SUM(gmv_minor) OVER run AS gmv_total
         FROM analytics_minutes m WHERE m.show_id = $1
         WINDOW run AS (ORDER BY minute ROWS UNBOUNDED PRECEDING)
       ), s AS (
         SELECT t.*,
           views_total - COALESCE(LAG(views_total) OVER w, 0) AS entering,
           likes_total - COALESCE(LAG(likes_total) OVER w, 0) AS likes_delta,
           chat_total - COALESCE(LAG(chat_total) OVER w, 0) AS chat_delta
         FROM totals t WINDOW w AS (ORDER BY minute)
       )
       SELECT s.minute, s.online_peak AS "onlinePeak", s.watch_seconds AS "watchSeconds", s.pcu_total AS pcu, s.entering,
         s.views_total AS "viewsTotal", s.unique_total AS "uniqueTotal", s.watch_total AS "watchTotal", s.likes_delta AS likes,
         s.chat_delta AS chat, s.follows, s.shares, s.cart_opens AS "cartOpens", s.own_clicks AS "ownClicks",
         s.external_clicks AS "externalClicks", s.orders, s.units, s.gmv_minor AS "gmvMinor", s.gmv_total AS "gmvTotal",
         s.paid_orders AS "paidOrders", s.paid_minor AS "paidMinor", ${ks.keyColumns}
       FROM s WHERE TRUE ${ks.where} ${ks.orderLimit}`,
      [showId, ...ks.params],
    );
    const page = ks.page(rows);
    return { items: page.items.map(toMinute), next: page.next };
  },

  async totals(q: Queryable, showId: string): Promise<ShowTotals & { currency: string | null }> {
    const [r] = await q.query<Record<string, string | number | null>>(
      `SELECT MAX(m.pcu) AS pcu, MAX(m.views) AS views, MAX(m.unique_viewers) AS "unique", SUM(m.watch_seconds) AS "watchSeconds",
         MAX(m.likes) AS likes, MAX(m.chat) AS chat, SUM(m.follows) AS follows, SUM(m.shares) AS shares,
         SUM(m.cart_opens) AS "cartOpens", SUM(m.own_clicks) AS "ownClicks", SUM(m.external_clicks) AS "externalClicks",
         SUM(m.orders) AS orders, SUM(m.units) AS units, SUM(m.gmv_minor) AS "gmvMinor", SUM(m.paid_orders) AS "paidOrders",
         SUM(m.paid_minor) AS "paidMinor", (SELECT currency FROM analytics_shows WHERE show_id = $1) AS currency
       FROM analytics_minutes m WHERE m.show_id = $1`,
      [showId],
    );
    const n = (k: string) => int(r?.[k] as string | null);
    const watchSeconds = Math.round(Number(r?.watchSeconds ?? 0));
    return {
      pcu: n('pcu'), views: n('views'), unique: n('unique'), watchSeconds, avgWatchSeconds: avg(watchSeconds, n('unique')),
      likes: n('likes'), chat: n('chat'), follows: n('follows'), shares: n('shares'), cartOpens: n('cartOpens'),
      ownClicks: n('ownClicks'), externalClicks: n('externalClicks'), orders: n('orders'), units: n('units'),
      gmvMinor: n('gmvMinor'), paidOrders: n('paidOrders'), paidMinor: n('paidMinor'), gpmMinor: perMille(n('gmvMinor'), n('views')),
      currency: (r?.currency as string | null) ?? null,
    };
  },

  /** What the show sold between two instants (an explained product's window), all products. */
  async soldBetween(q: Queryable, showId: string, from: Date, to: Date | null): Promise<{ orders: number; units: number; gmvMinor: number }> {
    const [r] = await q.query<{ orders: string | null; units: string | null; gmv: string | null }>(
      `SELECT SUM(orders) AS orders, SUM(units) AS units, SUM(gmv_minor) AS gmv FROM analytics_minutes
       WHERE show_id = $1 AND minute >= date_trunc('minute', $2::timestamptz) AND ($3::timestamptz IS NULL OR minute <= $3)`,
      [showId, from, to],
    );
    return { orders: int(r?.orders), units: int(r?.units), gmvMinor: int(r?.gmv) };
  },

  /** The show's products, best-selling (GMV) first. */
  async products(q: Queryable, showId: string, query: PageQuery): Promise<Page<ProductFunnel>> {
    const ks = keyset(query, { key: 'gmv_minor', keyType: 'bigint', id: 'product_id', descending: true }, 2);
    const rows = await q.query<Record<string, string | number> & KeysetRow>(
      `SELECT product_id AS "productId", kind, clicks, orders, units, gmv_minor AS "gmvMinor", paid_orders AS "paidOrders",
         paid_minor AS "paidMinor", ${ks.keyColumns}
       FROM analytics_products WHERE show_id = $1 ${ks.where} ${ks.orderLimit}`,
      [showId, ...ks.params],
    );
    const page = ks.page(rows);
    return {
      items: page.items.map((r) => ({
        productId: String(r.productId), kind: r.kind as 'product' | 'listing', clicks: int(r.clicks), orders: int(r.orders),
        units: int(r.units), gmvMinor: int(r.gmvMinor), paidOrders: int(r.paidOrders), paidMinor: int(r.paidMinor),
      })),
      next: page.next,
    };
  },

  /** Sharers and channels, most shares first. */
  async sharers(q: Queryable, showId: string, query: PageQuery): Promise<Page<{ sharer: string; channel: string; shares: number }>> {
    const ks = keyset(query, { key: 'shares', keyType: 'bigint', id: `sharer || ' ' || channel`, idType: 'text', descending: true }, 2);
    const rows = await q.query<{ sharer: string; channel: string; shares: number } & KeysetRow>(
      `SELECT sharer, channel, shares, ${ks.keyColumns} FROM analytics_sharers WHERE show_id = $1 ${ks.where} ${ks.orderLimit}`,
      [showId, ...ks.params],
    );
    return ks.page(rows);
  },
};
