import type { Queryable } from '../platform/db/db.port';

/** A show's owner, written before its first minute (every read is scoped by shop). */
export interface ShowOwner {
  showId: string;
  shopId: string;
  roomId: string;
}

/** The room's totals as one node sampled them, and the watch seconds it integrated in the minute. */
export interface MinuteSample {
  onlinePeak: number;
  pcu: number;
  views: number;
  unique: number;
  likes: number;
  chat: number;
  watchSeconds: number;
}

/** Columns added to (never replaced): happenings counted on the node where they happened, and sales. */
export const additiveColumns = {
  cartOpens: 'cart_opens',
  ownClicks: 'own_clicks',
  externalClicks: 'external_clicks',
  follows: 'follows',
  shares: 'shares',
  orders: 'orders',
  units: 'units',
  gmvMinor: 'gmv_minor',
  paidOrders: 'paid_orders',
  paidMinor: 'paid_minor',
} as const;
export type Additive = Partial<Record<keyof typeof additiveColumns, number>>;

export const productColumns = {
  clicks: 'clicks',
  orders: 'orders',
  units: 'units',
  gmvMinor: 'gmv_minor',
  paidOrders: 'paid_orders',
  paidMinor: 'paid_minor',
} as const;
export type ProductAdditive = Partial<Record<keyof typeof productColumns, number>>;

/** Only whitelisted column names reach the SQL text; the numbers travel as parameters. */
function additions(values: Record<string, number | undefined>, columns: Record<string, string>, first: number) {
  const names: string[] = [];
  const params: number[] = [];
  for (const [key, column] of Object.entries(columns)) {
    const v = values[key];
    if (!v) continue;
    names.push(column);
    params.push(v);
  }
  return {
    names,
    params,
    placeholders: names.map((_, i) => `$${first + i}`).join(', '),
    updates: names.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', '),
  };
}

export const minutesRepo = {
  /** Creates the show's row (first write wins its owner) and moves its last activity forward. */
  async ensureShow(q: Queryable, owner: ShowOwner, at: Date): Promise<void> {
    await q.query(
      `INSERT INTO analytics_shows (show_id, shop_id, room_id, first_at, last_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (show_id) DO UPDATE SET last_at = GREATEST(analytics_shows.last_at, EXCLUDED.last_at),
         first_at = LEAST(analytics_shows.first_at, EXCLUDED.first_at)`,
      [owner.showId, owner.shopId, owner.roomId, at],
    );
  },

  /** A sample of the room's totals: merged with what other nodes wrote by GREATEST, never added. */
  async sample(q: Queryable, showId: string, minute: Date, s: MinuteSample, now: { online: number; at: Date; slug: string }): Promise<void> {
    await q.query(
      `INSERT INTO analytics_minutes AS t (show_id, minute, online_peak, pcu, views, unique_viewers, likes, chat, watch_seconds)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (show_id, minute) DO UPDATE SET
         online_peak = GREATEST(t.online_peak, EXCLUDED.online_peak), pcu = GREATEST(t.pcu, EXCLUDED.pcu),
         views = GREATEST(t.views, EXCLUDED.views), unique_viewers = GREATEST(t.unique_viewers, EXCLUDED.unique_viewers),
         likes = GREATEST(t.likes, EXCLUDED.likes), chat = GREATEST(t.chat, EXCLUDED.chat),
         watch_seconds = GREATEST(t.watch_seconds, EXCLUDED.watch_seconds)`,
      [showId, minute, s.onlinePeak, s.pcu, s.views, s.unique, s.likes, s.chat, s.watchSeconds],
    );
    await q.query(`UPDATE analytics_shows SET online_now = $2, sampled_at = GREATEST(sampled_at, $3), room_slug = $4 WHERE show_id = $1`, [showId, now.online, now.at, now.slug]);
  },

  /** Adds happenings or sales to a minute. */
  async add(q: Queryable, showId: string, minute: Date, values: Additive): Promise<void> {
    const a = additions(values, additiveColumns, 3);
    if (a.names.length === 0) return;
    await q.query(
      `INSERT INTO analytics_minutes AS t (show_id, minute, ${a.names.join(', ')}) VALUES ($1, $2, ${a.placeholders})
       ON CONFLICT (show_id, minute) DO UPDATE SET ${a.updates}`,
      [showId, minute, ...a.params],
    );
  },

  async addProduct(q: Queryable, showId: string, productId: string, kind: 'product' | 'listing', values: ProductAdditive): Promise<void> {
    const a = additions(values, productColumns, 4);
    if (a.names.length === 0) return;
    await q.query(
      `INSERT INTO analytics_products AS t (show_id, product_id, kind, ${a.names.join(', ')}) VALUES ($1, $2, $3, ${a.placeholders})
       ON CONFLICT (show_id, product_id) DO UPDATE SET ${a.updates}`,
      [showId, productId, kind, ...a.params],
    );
  },

  async addShares(q: Queryable, showId: string, sharer: string, channel: string, n: number): Promise<void> {
    await q.query(
      `INSERT INTO analytics_sharers AS t (show_id, sharer, channel, shares) VALUES ($1, $2, $3, $4)
       ON CONFLICT (show_id, sharer, channel) DO UPDATE SET shares = t.shares + EXCLUDED.shares`,
      [showId, sharer, channel, n],
    );
  },

  /** The show's currency is its first order's; answers it (an order in another currency is not added to GMV). */
  async currency(q: Queryable, showId: string, currency: string): Promise<string> {
    const [row] = await q.query<{ currency: string }>(
      `UPDATE analytics_shows SET currency = COALESCE(currency, $2) WHERE show_id = $1 RETURNING currency`,
      [showId, currency],
    );
    return row?.currency ?? currency;
  },

  /** Moves a reader's cursor from `from` to `to`; false when another node moved it first. */
  async moveCursor(q: Queryable, reader: string, from: string | null, to: string | null): Promise<boolean> {
    const rows = await q.query(
      `UPDATE analytics_cursors SET position = $3 WHERE reader = $1 AND position IS NOT DISTINCT FROM $2 RETURNING reader`,
      [reader, from, to],
    );
    return rows.length === 1;
  },

  async cursor(q: Queryable, reader: string): Promise<string | null> {
    const [row] = await q.query<{ position: string | null }>(`SELECT position FROM analytics_cursors WHERE reader = $1`, [reader]);
    return row?.position ?? null;
  },
};
