import type { Db, Queryable } from '../../platform/db/db.port';
import { keyset, mapPage, type KeysetRow, type Page } from '../../platform/db/keyset';
import type { PageQuery } from '../../contracts/pagination.schemas';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/app-error';
import { newId } from '../../kernel/ids';
import { percentOf } from '../../kernel/money';
import type { Coupon, CouponClaim, CreateCouponBody, RoomCoupon } from '../../contracts/sales-coupons.schemas';
import type { RoomEvent } from '../../contracts/room-events.schemas';
import type { SalesEvents } from '../events';
import { couponColumns, couponsRepo, toCoupon, type CouponRow } from './coupons.repo';

/** What placing and closing orders ask of coupons. */
export interface CouponsForOrders {
  /** The discount the claim gives on this order; a coded refusal when it cannot be used. */
  quote(o: { buyerId: string; claimId: string; shopId: string; currency: string; subtotalMinor: number; now: Date }): Promise<number>;
  /** Marks the claim used by the order, in its transaction; false if it was used meanwhile. */
  use(tx: Queryable, u: { claimId: string; buyerId: string; orderId: string; now: Date }): Promise<boolean>;
  /** The order closed unpaid: the claim may be used again (while the coupon is valid). */
  release(tx: Queryable, claimId: string, orderId: string): Promise<void>;
}

interface ClaimRow extends CouponRow {
  claimId: string;
  buyerId: string;
  orderId: string | null;
  claimedAt: Date;
  usedAt: Date | null;
  giftHeldAt: Date | null;
}

const claimSelect = (extra = '') => `SELECT ${extra}cl.id AS "claimId", cl.buyer_id AS "buyerId", cl.order_id AS "orderId", cl.claimed_at AS "claimedAt",
  cl.used_at AS "usedAt", cl.gift_held_at AS "giftHeldAt", ${couponColumns('c.')} FROM coupon_claims cl JOIN coupons c ON c.id = cl.coupon_id`;

const toClaim = (r: ClaimRow): CouponClaim => ({
  id: r.claimId,
  coupon: toCoupon(r),
  claimedAt: r.claimedAt.toISOString(),
  orderId: r.orderId,
  usedAt: r.usedAt?.toISOString() ?? null,
  giftHeldAt: r.giftHeldAt?.toISOString() ?? null,
});

/** The discount of a coupon on a subtotal: never more than the subtotal, percentages rounded down. */
export function discountOf(c: Pick<Coupon, 'kind' | 'amountMinor' | 'percentBp'>, subtotalMinor: number): number {
  const off = c.kind === 'amount' ? c.amountMinor! : percentOf(subtotalMinor, c.percentBp!);
  return Math.min(off, subtotalMinor);
}

export function createCoupons(deps: {
  db: Db;
  clock: Clock;
  events: SalesEvents;
  announce(roomId: string, event: RoomEvent): Promise<void>;
}) {
  const { db, clock } = deps;

  async function claimRow(q: Queryable, claimId: string): Promise<ClaimRow | undefined> {
    return (await q.query<ClaimRow>(`${claimSelect()} WHERE cl.id = $1`, [claimId]))[0];
  }

  const forOrders: CouponsForOrders = {
    async quote({ buyerId, claimId, shopId, currency, subtotalMinor, now }) {
      const claim = await claimRow(db, claimId);
      // Another buyer's claim is not found, as a missing one.
      if (!claim || claim.buyerId !== buyerId || claim.shopId !== shopId) throw new AppError('SALES_COUPON_NOT_FOUND');
      if (claim.orderId) throw new AppError('SALES_COUPON_USED');
      if (claim.giftHeldAt) throw new AppError('SALES_COUPON_GIFTED');
      if (now < claim.validFrom || now >= claim.validUntil || claim.withdrawnAt) throw new AppError('SALES_COUPON_EXPIRED');
      if (claim.currency !== currency) throw new AppError('SALES_COUPON_MIN_SPEND', 'The coupon is for another currency.');
      const c = toCoupon(claim);
      if (subtotalMinor < c.minSpendMinor) throw new AppError('SALES_COUPON_MIN_SPEND', undefined, { minSpendMinor: c.minSpendMinor });
      return discountOf(c, subtotalMinor);
    },

    async use(tx, { claimId, buyerId, orderId, now }) {
      const rows = await tx.query(
        `UPDATE coupon_claims SET order_id = $3, used_at = $4 WHERE id = $1 AND buyer_id = $2 AND order_id IS NULL AND gift_held_at IS NULL RETURNING id`,
        [claimId, buyerId, orderId, now],
      );
      return rows.length > 0;
    },

    async release(tx, claimId, orderId) {
      await tx.query(`UPDATE coupon_claims SET order_id = NULL, used_at = NULL WHERE id = $1 AND order_id = $2`, [claimId, orderId]);
    },
  };

  return {
    forOrders,

    /** A merchant's coupon, or a host's drop into a room (its viewers see `coupon.dropped` at once). */
    async create(shopId: string, body: CreateCouponBody): Promise<Coupon> {
      const now = clock.now();
      const validFrom = body.validFrom ? new Date(body.validFrom) : now;
      const validUntil = body.validUntil ? new Date(body.validUntil) : new Date(validFrom.getTime() + body.validMinutes * 60_000);
      if (validUntil <= validFrom) throw new AppError('HTTP_VALIDATION_FAILED', 'validUntil must be after validFrom.');
      const row = await couponsRepo.insert(db, {
        id: newId(), shopId, roomId: body.roomId, title: body.title, kind: body.kind,
        amountMinor: body.amountMinor ?? null, percentBp: body.percentBp ?? null, minSpendMinor: body.minSpendMinor,
        currency: body.currency, validFrom, validUntil, total: body.total, perBuyerLimit: body.perBuyerLimit, createdAt: now,
      });
      const coupon = toCoupon(row);
      if (coupon.roomId && validFrom <= now) await deps.announce(coupon.roomId, { type: 'coupon.dropped', coupon: toRoomCoupon(coupon) });
      return coupon;
    },

    async withdraw(shopId: string, couponId: string): Promise<Coupon> {
      const [row] = await db.query<CouponRow>(
        `UPDATE coupons SET withdrawn_at = COALESCE(withdrawn_at, $3) WHERE id = $1 AND shop_id = $2 RETURNING ${couponColumns()}`,
        [couponId, shopId, clock.now()],
      );
      if (!row) throw new AppError('SALES_COUPON_NOT_FOUND');
      return toCoupon(row);
    },

    async ofShop(shopId: string, couponId: string): Promise<Coupon> {
      const row = await couponsRepo.get(db, couponId);
      if (!row || row.shopId !== shopId) throw new AppError('SALES_COUPON_NOT_FOUND');
      return toCoupon(row);
    },

    /** The coupons a room's viewers can claim now. */
    async inRoom(roomId: string): Promise<Coupon[]> {
      const rows = await db.query<CouponRow>(
        `SELECT ${couponColumns()} FROM coupons WHERE room_id = $1 AND valid_from <= $2 AND valid_until > $2 AND withdrawn_at IS NULL
         ORDER BY created_at DESC LIMIT 20`,
        [roomId, clock.now()],
      );
      return rows.map(toCoupon);
    },

    /**
     * A buyer claims a coupon: one of its claims (conditional UPDATE) and one of the buyer's (the
     * per-buyer row), in one transaction, so neither limit can be passed by racing.
     */
    async claim(buyerId: string, couponId: string): Promise<CouponClaim> {
      const batch = deps.events.batch();
      const claim = await db.transaction(async (tx) => {
        const now = clock.now();
        const row = await couponsRepo.takeClaim(tx, couponId, now);
        if (!row) {
          const c = await couponsRepo.get(tx, couponId);
          if (!c) throw new AppError('SALES_COUPON_NOT_FOUND');
          if (now < c.validFrom || now >= c.validUntil || c.withdrawnAt) throw new AppError('SALES_COUPON_EXPIRED');
          throw new AppError('SALES_COUPON_GONE');
        }
        if (!(await couponsRepo.countBuyer(tx, couponId, buyerId, row.perBuyerLimit))) throw new AppError('SALES_COUPON_LIMIT_REACHED');
        const id = newId();
        await tx.query(`INSERT INTO coupon_claims (id, coupon_id, shop_id, buyer_id, claimed_at) VALUES ($1, $2, $3, $4, $5)`, [
          id, couponId, row.shopId, buyerId, now,
        ]);
        await batch.emit(tx, row.shopId, id, { type: 'coupon.claimed', data: { couponId, claimId: id, buyerId, roomId: row.roomId } });
        return (await claimRow(tx, id))!;
      });
      batch.publish();
      return toClaim(claim);
    },

    /** A buyer's claims, newest first, a page at a time. */
    async claimsOf(buyerId: string, q: PageQuery): Promise<Page<CouponClaim>> {
      const ks = keyset(q, { key: 'cl.claimed_at', keyType: 'timestamptz', id: 'cl.id', descending: true }, 2);
      const rows = await db.query<ClaimRow & KeysetRow>(`${claimSelect(`${ks.keyColumns}, `)} WHERE cl.buyer_id = $1 ${ks.where} ${ks.orderLimit}`, [buyerId, ...ks.params]);
      return mapPage(ks.page(rows), toClaim);
    },

    /** The shop's coupons, newest first, a page at a time. */
    async list(shopId: string, q: PageQuery): Promise<Page<Coupon>> {
      const ks = keyset(q, { key: 'created_at', keyType: 'timestamptz', descending: true }, 2);
      const rows = await db.query<CouponRow & KeysetRow>(`SELECT ${couponColumns()}, ${ks.keyColumns} FROM coupons WHERE shop_id = $1 ${ks.where} ${ks.orderLimit}`, [shopId, ...ks.params]);
      return mapPage(ks.page(rows), toCoupon);
    },
  };
}

/** A coupon as the room shows it. */
export const toRoomCoupon = (c: Coupon): RoomCoupon => ({
  id: c.id, title: c.title, kind: c.kind, amountMinor: c.amountMinor, percentBp: c.percentBp, minSpendMinor: c.minSpendMinor,
  currency: c.currency, validUntil: c.validUntil, left: c.total - c.claimed,
});

export type Coupons = ReturnType<typeof createCoupons>;
