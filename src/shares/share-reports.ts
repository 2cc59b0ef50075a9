import type { Db } from '../platform/db/db.port';
import type { ShareFunnelRow, ShareChannel } from '../contracts/shares.schemas';

/** At most this many sharers in a report (the most visited first): it is one bounded document. */
export const REPORT_MAX_SHARERS = 100;

type Key = 'channel' | 'sharer';
const column: Record<Key, string> = { channel: 's.channel', sharer: 's.sharer_id' };

/**
 * The funnel of a shop's shares — shares → visits (and distinct visitors) → cart opens → click-outs
 * → orders → GMV — per channel or per sharer, for all time or one show (shares made while it was
 * live, and visits, signals and orders of that show).
 */
export function createShareReports({ db, displayNames }: { db: Db; displayNames(ids: readonly string[]): Promise<Map<string, string>> }) {
  async function funnel(shopId: string, by: Key, showId: string | null): Promise<ShareFunnelRow[]> {
    const key = column[by];
    const params = [shopId, showId];
    const [shares, visits, events] = await Promise.all([
      db.query<{ key: string | null; n: number }>(
        `SELECT ${key}::text AS key, count(*)::int AS n FROM shares s WHERE s.shop_id = $1 AND ($2::uuid IS NULL OR s.show_id = $2) GROUP BY 1`,
        params,
      ),
      db.query<{ key: string | null; n: number; visitors: number }>(
        `SELECT ${key}::text AS key, count(*)::int AS n, count(DISTINCT v.visitor_id)::int AS visitors
           FROM share_visits v JOIN shares s ON s.code = v.code
          WHERE v.shop_id = $1 AND ($2::uuid IS NULL OR v.show_id = $2) GROUP BY 1`,
        params,
      ),
      db.query<{ key: string | null; kind: string; currency: string | null; n: number; amount: string | null }>(
        `SELECT ${key}::text AS key, e.kind, e.currency, count(*)::int AS n, sum(e.amount_minor)::text AS amount
           FROM share_events e JOIN shares s ON s.code = e.code
          WHERE e.shop_id = $1 AND ($2::uuid IS NULL OR e.show_id = $2) GROUP BY 1, 2, 3`,
        params,
      ),
    ]);
    const rows = new Map<string, ShareFunnelRow & { sharerId: string | null }>();
    const row = (k: string | null) => {
      const id = k ?? '';
      let r = rows.get(id);
      if (!r) {
        r = { key: id, label: null, sharerId: by === 'sharer' ? k : null, shares: 0, visits: 0, visitors: 0, cartOpens: 0, clickOuts: 0, orders: 0, gmvMinor: {} };
        rows.set(id, r);
      }
      return r;
    };
    for (const s of shares) row(s.key).shares += s.n;
    for (const v of visits) Object.assign(row(v.key), { visits: v.n, visitors: v.visitors });
    for (const e of events) {
      const r = row(e.key);
      if (e.kind === 'cart.opened') r.cartOpens += e.n;
      else if (e.kind === 'link.clicked') r.clickOuts += e.n;
      else if (e.kind === 'order.paid') {
        r.orders += e.n;
        if (e.currency) r.gmvMinor[e.currency] = (r.gmvMinor[e.currency] ?? 0) + Number(e.amount ?? 0);
      }
    }
    const sorted = [...rows.values()].sort((a, b) => b.visits - a.visits || b.shares - a.shares || a.key.localeCompare(b.key)).slice(0, REPORT_MAX_SHARERS);
    if (by === 'sharer') {
      const names = await displayNames(sorted.flatMap((r) => (r.sharerId ? [r.sharerId] : [])));
      for (const r of sorted) r.label = r.sharerId ? (names.get(r.sharerId) ?? null) : null;
    } else {
      for (const r of sorted) r.label = r.key as ShareChannel;
    }
    return sorted.map(({ sharerId: _s, ...r }) => r);
  }

  return {
    async report(shopId: string, showId: string | null) {
      const [byChannel, bySharer] = await Promise.all([funnel(shopId, 'channel', showId), funnel(shopId, 'sharer', showId)]);
      return { showId, byChannel, bySharer };
    },

    /** What a viewer's own shares brought: friends (other browsers and accounts) who came, and what they bought. */
    async mine(userId: string) {
      const [row] = await db.query<{ shares: number; visits: number; friends: number; orders: number }>(
        `SELECT (SELECT count(*)::int FROM shares WHERE sharer_id = $1) AS shares,
                count(v.id)::int AS visits,
                count(DISTINCT COALESCE(v.viewer_id::text, v.visitor_id))::int AS friends,
                (SELECT count(*)::int FROM share_events e JOIN shares s ON s.code = e.code WHERE s.sharer_id = $1 AND e.kind = 'order.paid') AS orders
           FROM share_visits v JOIN shares s ON s.code = v.code
          WHERE s.sharer_id = $1 AND v.viewer_id IS DISTINCT FROM $1`,
        [userId],
      );
      return row ?? { shares: 0, visits: 0, friends: 0, orders: 0 };
    },
  };
}

export type ShareReports = ReturnType<typeof createShareReports>;
