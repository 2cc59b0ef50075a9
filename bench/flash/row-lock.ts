import type { Queryable } from '../../src/platform/db/db.port';
import type { CampaignTake } from '../../src/sales';

/**
 * The baseline of `npm run bench:flash`: the textbook way to sell a hot item with a row lock
 * (COMMERCE-NOTES §2), swapped in for sales' conditional UPDATE, with no gate in front — so every
 * attempt opens a transaction, locks the sale's row with `SELECT … FOR UPDATE`, reads, decides,
 * `UPDATE`s, and the order is inserted and committed as on the real path (same route, same order code).
 * Only the bench uses it (bench/flash/server.ts): it names sales' tables, which src/ may not outside sales.
 */
export const rowLockingTake: CampaignTake = async (tx: Queryable, c, buyerId, n, now) => {
  const [row] = await tx.query<{ units: number; sold: number; perBuyerLimit: number; startsAt: Date; endsAt: Date; state: string }>(
    `SELECT units, sold, per_buyer_limit AS "perBuyerLimit", starts_at AS "startsAt", ends_at AS "endsAt", state
       FROM sale_campaigns WHERE id = $1 FOR UPDATE`,
    [c.id],
  );
  if (!row || now >= row.endsAt || !['scheduled', 'live'].includes(row.state)) return { ok: false, reason: 'closed' };
  if (now < row.startsAt) return { ok: false, reason: 'not_open' };
  if (row.sold + n > row.units) return { ok: false, reason: 'sold_out' };
  const [held] = await tx.query<{ units: number }>(`SELECT units FROM campaign_buyers WHERE campaign_id = $1 AND buyer_id = $2 FOR UPDATE`, [c.id, buyerId]);
  if ((held?.units ?? 0) + n > row.perBuyerLimit) return { ok: false, reason: 'limit' };
  await tx.query(`UPDATE sale_campaigns SET sold = sold + $2 WHERE id = $1`, [c.id, n]);
  await tx.query(
    `INSERT INTO campaign_buyers (campaign_id, buyer_id, units) VALUES ($1, $2, $3)
     ON CONFLICT (campaign_id, buyer_id) DO UPDATE SET units = campaign_buyers.units + EXCLUDED.units`,
    [c.id, buyerId, n],
  );
  return { ok: true, sold: row.sold + n, units: row.units };
};
