import type { Queryable } from '../../platform/db/db.port';
import type { GatePool } from '../../platform/gate/gate.port';
import { holderKey } from '../../platform/gate/gate.port';
import type { Currency } from '../../contracts/sales-campaigns.schemas';

export type CampaignKind = 'flash' | 'presale';
export type CampaignState = 'scheduled' | 'live' | 'ended' | 'deposit' | 'waiting' | 'balance' | 'closed' | 'cancelled';

export interface CampaignRecord {
  id: string;
  shopId: string;
  kind: CampaignKind;
  roomId: string | null;
  productId: string;
  skuId: string | null;
  title: string;
  skuLabel: string;
  imageUrl: string | null;
  currency: Currency;
  priceMinor: number;
  listPriceMinor: number;
  units: number;
  sold: number;
  perBuyerLimit: number;
  startsAt: Date;
  endsAt: Date;
  state: CampaignState;
  depositMinor: number | null;
  depositWorthMinor: number | null;
  balanceStartsAt: Date | null;
  balanceEndsAt: Date | null;
  missedBalance: 'forfeit' | 'refund' | null;
  createdAt: Date;
}

export const campaignColumns = `id, shop_id AS "shopId", kind, room_id AS "roomId", product_id AS "productId", sku_id AS "skuId",
  title, sku_label AS "skuLabel", image_url AS "imageUrl", currency, price_minor AS "priceMinor", list_price_minor AS "listPriceMinor",
  units, sold, per_buyer_limit AS "perBuyerLimit", starts_at AS "startsAt", ends_at AS "endsAt", state,
  deposit_minor AS "depositMinor", deposit_worth_minor AS "depositWorthMinor", balance_starts_at AS "balanceStartsAt",
  balance_ends_at AS "balanceEndsAt", missed_balance AS "missedBalance", created_at AS "createdAt"`;

const money = ['priceMinor', 'listPriceMinor', 'depositMinor', 'depositWorthMinor'] as const;
export function campaignFromRow(row: Record<string, unknown>): CampaignRecord {
  const r = { ...row };
  for (const k of money) if (r[k] !== null && r[k] !== undefined) r[k] = Number(r[k]);
  return r as unknown as CampaignRecord;
}

/** States in which a campaign sells (takes orders against its units). */
export const SELLING: Record<CampaignKind, CampaignState[]> = { flash: ['scheduled', 'live'], presale: ['scheduled', 'deposit'] };

export type TakeRefusal = 'sold_out' | 'limit' | 'not_open' | 'closed';

export const campaignsRepo = {
  async insert(tx: Queryable, c: CampaignRecord): Promise<void> {
    await tx.query(
      `INSERT INTO sale_campaigns (id, shop_id, kind, room_id, product_id, sku_id, title, sku_label, image_url, currency, price_minor,
         list_price_minor, units, sold, per_buyer_limit, starts_at, ends_at, state, deposit_minor, deposit_worth_minor,
         balance_starts_at, balance_ends_at, missed_balance, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
      [
        c.id, c.shopId, c.kind, c.roomId, c.productId, c.skuId, c.title, c.skuLabel, c.imageUrl, c.currency, c.priceMinor,
        c.listPriceMinor, c.units, c.perBuyerLimit, c.startsAt, c.endsAt, c.state, c.depositMinor, c.depositWorthMinor,
        c.balanceStartsAt, c.balanceEndsAt, c.missedBalance, c.createdAt,
      ],
    );
  },

  async get(q: Queryable, id: string, lock = false): Promise<CampaignRecord | undefined> {
    const [row] = await q.query(`SELECT ${campaignColumns} FROM sale_campaigns WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ? campaignFromRow(row) : undefined;
  },

  /**
   * The database's word on a purchase: one conditional UPDATE takes the units only while the window
   * is open and `sold + n <= units` (under the row lock PostgreSQL holds to the commit), then the
   * buyer's row takes them only within the limit. Whatever a gate in front said, this cannot
   * oversell. On a refusal the caller rolls back (the first statement may have run).
   */
  async take(tx: Queryable, c: Pick<CampaignRecord, 'id' | 'kind'>, buyerId: string, n: number, now: Date): Promise<{ ok: true; sold: number; units: number } | { ok: false; reason: TakeRefusal }> {
    const [taken] = await tx.query<{ sold: number; units: number; perBuyerLimit: number }>(
      `UPDATE sale_campaigns SET sold = sold + $2
        WHERE id = $1 AND sold + $2 <= units AND starts_at <= $3 AND ends_at > $3 AND state = ANY($4::text[])
        RETURNING sold, units, per_buyer_limit AS "perBuyerLimit"`,
      [c.id, n, now, SELLING[c.kind]],
    );
    if (!taken) {
      const row = await this.get(tx, c.id);
      if (!row || now >= row.endsAt || !SELLING[c.kind].includes(row.state)) return { ok: false, reason: 'closed' };
      return { ok: false, reason: now < row.startsAt ? 'not_open' : 'sold_out' };
    }
    const [buyer] = await tx.query(
      `INSERT INTO campaign_buyers (campaign_id, buyer_id, units) SELECT $1::uuid, $2::uuid, $3::int WHERE $3::int <= $4::int
       ON CONFLICT (campaign_id, buyer_id) DO UPDATE SET units = campaign_buyers.units + EXCLUDED.units
         WHERE campaign_buyers.units + EXCLUDED.units <= $4::int
       RETURNING units`,
      [c.id, buyerId, n, taken.perBuyerLimit],
    );
    if (!buyer) return { ok: false, reason: 'limit' };
    return { ok: true, sold: taken.sold, units: taken.units };
  },

  /**
   * The database's word on a batch of purchases of one campaign (the flash sale's group commit): one
   * conditional UPDATE takes all their units, then one upsert takes each buyer's units within the
   * limit (units summed per buyer first: a row is never upserted twice in one statement). All or
   * nothing: false when any of them would not fit, and the caller rolls back and decides them one by one.
   */
  async takeMany(tx: Queryable, c: Pick<CampaignRecord, 'id' | 'kind'>, perBuyer: ReadonlyMap<string, number>, now: Date): Promise<{ ok: true; sold: number; units: number } | { ok: false }> {
    let total = 0;
    for (const n of perBuyer.values()) total += n;
    const [taken] = await tx.query<{ sold: number; units: number; perBuyerLimit: number }>(
      `UPDATE sale_campaigns SET sold = sold + $2
        WHERE id = $1 AND sold + $2 <= units AND starts_at <= $3 AND ends_at > $3 AND state = ANY($4::text[])
        RETURNING sold, units, per_buyer_limit AS "perBuyerLimit"`,
      [c.id, total, now, SELLING[c.kind]],
    );
    if (!taken) return { ok: false };
    const buyers = await tx.query(
      `INSERT INTO campaign_buyers (campaign_id, buyer_id, units)
       SELECT $1::uuid, b, n FROM unnest($2::uuid[], $3::int[]) AS t(b, n) WHERE n <= $4::int
       ON CONFLICT (campaign_id, buyer_id) DO UPDATE SET units = campaign_buyers.units + EXCLUDED.units
         WHERE campaign_buyers.units + EXCLUDED.units <= $4::int
       RETURNING 1`,
      [c.id, [...perBuyer.keys()], [...perBuyer.values()], taken.perBuyerLimit],
    );
    if (buyers.length !== perBuyer.size) return { ok: false };
    return { ok: true, sold: taken.sold, units: taken.units };
  },

  /**
   * Gives an order's units back. While the campaign sells they return to it (another buyer may take
   * them); after it stopped selling they leave it (`units` shrinks too) and the caller puts them back
   * into the product's stock. Answers where they went.
   */
  async giveBack(tx: Queryable, id: string, buyerId: string, n: number): Promise<{ to: 'campaign' | 'stock'; sold: number; units: number }> {
    const [row] = await tx.query<{ selling: boolean; sold: number; units: number }>(
      `UPDATE sale_campaigns SET sold = sold - $2,
         units = CASE WHEN state = ANY(CASE kind WHEN 'flash' THEN $3::text[] ELSE $4::text[] END) THEN units ELSE units - $2 END
       WHERE id = $1
       RETURNING state = ANY(CASE kind WHEN 'flash' THEN $3::text[] ELSE $4::text[] END) AS selling, sold, units`,
      [id, n, SELLING.flash, SELLING.presale],
    );
    await tx.query(`UPDATE campaign_buyers SET units = GREATEST(units - $3, 0) WHERE campaign_id = $1 AND buyer_id = $2`, [id, buyerId, n]);
    return { to: row?.selling ? 'campaign' : 'stock', sold: row?.sold ?? 0, units: row?.units ?? 0 };
  },

  /** Units not sold yet of the shop's campaigns that still sell, by `productId/skuId` ('' for no SKU). */
  async held(q: Queryable, shopId: string): Promise<Map<string, number>> {
    const rows = await q.query<{ productId: string; skuId: string | null; held: number }>(
      `SELECT product_id AS "productId", sku_id AS "skuId", sum(units - sold)::int AS held FROM sale_campaigns
        WHERE shop_id = $1 AND state IN ('scheduled', 'live', 'deposit') GROUP BY product_id, sku_id`,
      [shopId],
    );
    return new Map(rows.map((h) => [`${h.productId}/${h.skuId ?? ''}`, h.held]));
  },

  /** The pool a gate holds for this campaign, as the database has it now (the gate is rebuilt from this). */
  async gatePool(q: Queryable, c: CampaignRecord): Promise<GatePool> {
    const [current] = await q.query<{ units: number; sold: number }>(`SELECT units, sold FROM sale_campaigns WHERE id = $1`, [c.id]);
    const holders = await q.query<{ buyerId: string; units: number }>(
      `SELECT buyer_id AS "buyerId", units FROM campaign_buyers WHERE campaign_id = $1 AND units > 0`,
      [c.id],
    );
    // Every order ever made in the campaign keeps its key: a replay answers that order, even expired.
    const keys = await q.query<{ buyerId: string; key: string; orderId: string; fingerprint: string }>(
      `SELECT o.buyer_id AS "buyerId", o.idempotency_key AS key, o.id AS "orderId", i.fingerprint
         FROM orders o JOIN sales_idempotency i ON i.scope = 'u:' || o.buyer_id::text AND i.key = o.idempotency_key
        WHERE o.campaign_id = $1`,
      [c.id],
    );
    return {
      units: current?.units ?? 0,
      taken: current?.sold ?? 0,
      perHolder: c.perBuyerLimit,
      opensAt: c.startsAt.getTime(),
      closesAt: c.endsAt.getTime(),
      holders: Object.fromEntries(holders.map((h) => [h.buyerId, h.units])),
      keys: Object.fromEntries(keys.map((k) => [holderKey(k.buyerId, k.key), { fingerprint: k.fingerprint, outcome: 'taken' as const, ref: k.orderId }])),
    };
  },
};
