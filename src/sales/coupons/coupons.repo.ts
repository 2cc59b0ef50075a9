import type { Queryable } from '../../platform/db/db.port';
import type { Coupon } from '../../contracts/sales-coupons.schemas';

export interface CouponRow {
  id: string;
  shopId: string;
  roomId: string | null;
  title: string;
  kind: 'amount' | 'percent';
  amountMinor: string | null;
  percentBp: number | null;
  minSpendMinor: string;
  currency: Coupon['currency'];
  validFrom: Date;
  validUntil: Date;
  total: number;
  claimed: number;
  perBuyerLimit: number;
  withdrawnAt: Date | null;
  createdAt: Date;
}

export const couponColumns = (t = '') =>
  `${t}id, ${t}shop_id AS "shopId", ${t}room_id AS "roomId", ${t}title, ${t}kind, ${t}amount_minor AS "amountMinor",
   ${t}percent_bp AS "percentBp", ${t}min_spend_minor AS "minSpendMinor", ${t}currency, ${t}valid_from AS "validFrom",
   ${t}valid_until AS "validUntil", ${t}total, ${t}claimed, ${t}per_buyer_limit AS "perBuyerLimit",
   ${t}withdrawn_at AS "withdrawnAt", ${t}created_at AS "createdAt"`;

export const toCoupon = (r: CouponRow): Coupon => ({
  id: r.id,
  roomId: r.roomId,
  title: r.title,
  kind: r.kind,
  amountMinor: r.amountMinor === null ? null : Number(r.amountMinor),
  percentBp: r.percentBp,
  minSpendMinor: Number(r.minSpendMinor),
  currency: r.currency,
  validFrom: r.validFrom.toISOString(),
  validUntil: r.validUntil.toISOString(),
  total: r.total,
  claimed: r.claimed,
  perBuyerLimit: r.perBuyerLimit,
  withdrawn: r.withdrawnAt !== null,
  createdAt: r.createdAt.toISOString(),
});

export type NewCoupon = Omit<Coupon, 'claimed' | 'withdrawn' | 'createdAt' | 'validFrom' | 'validUntil'> & {
  shopId: string;
  validFrom: Date;
  validUntil: Date;
  createdAt: Date;
};

export const couponsRepo = {
  async insert(q: Queryable, c: NewCoupon): Promise<CouponRow> {
    const [row] = await q.query<CouponRow>(
      `INSERT INTO coupons (id, shop_id, room_id, title, kind, amount_minor, percent_bp, min_spend_minor, currency, valid_from,
         valid_until, total, per_buyer_limit, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${couponColumns()}`,
      [c.id, c.shopId, c.roomId, c.title, c.kind, c.amountMinor, c.percentBp, c.minSpendMinor, c.currency, c.validFrom, c.validUntil, c.total, c.perBuyerLimit, c.createdAt],
    );
    return row!;
  },

  async get(q: Queryable, id: string): Promise<CouponRow | undefined> {
    return (await q.query<CouponRow>(`SELECT ${couponColumns()} FROM coupons WHERE id = $1`, [id]))[0];
  },

  /**
   * Takes one of the coupon's claims while any is left and it is valid: one conditional UPDATE under
   * the row's lock, so 300 viewers racing for 100 claims make exactly 100.
   */
  async takeClaim(tx: Queryable, id: string, now: Date): Promise<CouponRow | undefined> {
    return (
      await tx.query<CouponRow>(
        `UPDATE coupons SET claimed = claimed + 1
          WHERE id = $1 AND claimed < total AND valid_from <= $2 AND valid_until > $2 AND withdrawn_at IS NULL
          RETURNING ${couponColumns()}`,
        [id, now],
      )
    )[0];
  },

  /** Counts the buyer's claim within the limit; false when it would exceed it (the caller rolls back). */
  async countBuyer(tx: Queryable, id: string, buyerId: string, limit: number): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO coupon_buyers (coupon_id, buyer_id, claims) VALUES ($1, $2, 1)
       ON CONFLICT (coupon_id, buyer_id) DO UPDATE SET claims = coupon_buyers.claims + 1 WHERE coupon_buyers.claims + 1 <= $3
       RETURNING claims`,
      [id, buyerId, limit],
    );
    return rows.length > 0;
  },
};
