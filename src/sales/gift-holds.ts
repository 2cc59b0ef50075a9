import type { Queryable } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import type { Address, AddressInput } from '../contracts/sales-orders.schemas';
import type { SalesEvents } from './events';
import type { Addresses } from './addresses';
import { ordersRepo } from './orders/orders.repo';
import { runLater } from './orders/units';
import type { Refunds } from './payments/refunds';

/** What a gift shows of the coupon it passes on. */
export interface GiftCoupon {
  shopId: string;
  couponId: string;
  title: string;
  kind: 'amount' | 'percent';
  amountMinor: number | null;
  percentBp: number | null;
  minSpendMinor: number;
  currency: string;
  validUntil: Date;
}

/** What a gift shows of the order bought for it. */
export interface GiftOrder {
  shopId: string;
  orderId: string;
  title: string;
  skuLabel: string;
  imageUrl: string | null;
  units: number;
  totalMinor: number;
  currency: string;
}

/**
 * What the gifts context asks of sales (docs/sharing.md, "Claimable gifts"). Every call that takes
 * `tx` runs in the gifts context's transaction — a gift changes state and its coupon or order moves
 * in one commit, or neither — the way catalog's stock runs in sales' own; none names a gifts table.
 */
export function createGiftHolds(deps: { clock: Clock; events: SalesEvents; refunds: Refunds; addresses: Addresses; log: { error(o: object, m: string): void } }) {
  return {
    /**
     * Holds the buyer's unused coupon claim for a gift: not usable on an order, not offered twice,
     * until it is passed on or let go. Refused with the coupon's code when it cannot be sent.
     */
    async holdCoupon(tx: Queryable, claimId: string, ownerId: string, now: Date): Promise<GiftCoupon> {
      const [held] = await tx.query<{ id: string }>(
        `UPDATE coupon_claims SET gift_held_at = $3 WHERE id = $1 AND buyer_id = $2 AND order_id IS NULL AND gift_held_at IS NULL RETURNING id`,
        [claimId, ownerId, now],
      );
      const [c] = await tx.query<Omit<GiftCoupon, 'amountMinor' | 'minSpendMinor'> & { amountMinor: string | null; minSpendMinor: string; withdrawnAt: Date | null; buyerId: string; orderId: string | null }>(
        `SELECT c.shop_id AS "shopId", c.id AS "couponId", c.title, c.kind, c.amount_minor AS "amountMinor", c.percent_bp AS "percentBp",
                c.min_spend_minor AS "minSpendMinor", c.currency, c.valid_until AS "validUntil", c.withdrawn_at AS "withdrawnAt",
                cl.buyer_id AS "buyerId", cl.order_id AS "orderId"
           FROM coupon_claims cl JOIN coupons c ON c.id = cl.coupon_id WHERE cl.id = $1`,
        [claimId],
      );
      if (!c || c.buyerId !== ownerId) throw new AppError('SALES_COUPON_NOT_FOUND');
      if (!held) throw new AppError(c.orderId ? 'SALES_COUPON_USED' : 'SALES_COUPON_GIFTED');
      if (c.withdrawnAt || c.validUntil <= now) throw new AppError('SALES_COUPON_EXPIRED');
      return {
        shopId: c.shopId, couponId: c.couponId, title: c.title, kind: c.kind, percentBp: c.percentBp, currency: c.currency, validUntil: c.validUntil,
        amountMinor: c.amountMinor === null ? null : Number(c.amountMinor), minSpendMinor: Number(c.minSpendMinor),
      };
    },

    /** The held claim becomes the friend's, usable at once; false when it is no longer held or valid. */
    async passCoupon(tx: Queryable, claimId: string, fromId: string, toId: string, now: Date): Promise<boolean> {
      const rows = await tx.query(
        `UPDATE coupon_claims SET buyer_id = $3, gift_held_at = NULL
          WHERE id = $1 AND buyer_id = $2 AND gift_held_at IS NOT NULL AND order_id IS NULL
            AND EXISTS (SELECT 1 FROM coupons c WHERE c.id = coupon_claims.coupon_id AND c.valid_until > $4 AND c.withdrawn_at IS NULL)
          RETURNING id`,
        [claimId, fromId, toId, now],
      );
      return rows.length > 0;
    },

    /** The gift went back: the claim is the sender's to use again (while the coupon is valid). */
    async releaseCoupon(tx: Queryable, claimId: string, ownerId: string): Promise<void> {
      await tx.query(`UPDATE coupon_claims SET gift_held_at = NULL WHERE id = $1 AND buyer_id = $2`, [claimId, ownerId]);
    },

    /** The buyer's paid gift order still waiting for an address, locked for the caller's transaction. */
    async giftOrder(tx: Queryable, orderId: string, buyerId: string): Promise<GiftOrder> {
      const o = await ordersRepo.get(tx, orderId, true);
      if (!o || o.buyerId !== buyerId) throw new AppError('SALES_ORDER_NOT_FOUND');
      if (!o.gift || o.state !== 'paid' || o.address !== null) throw new AppError('SALES_ORDER_NOT_GIFT', undefined, { state: o.state });
      const first = o.lines[0]!;
      return {
        shopId: o.shopId, orderId: o.id, title: first.title, skuLabel: first.skuLabel, imageUrl: first.imageUrl, units: o.units,
        totalMinor: o.totalMinor, currency: o.currency,
      };
    },

    /** The address a claiming friend gives: written out, or one of their saved ones (read before the transaction). */
    addressOf: (userId: string, body: { address?: AddressInput | undefined; addressId?: string | undefined }): Promise<Address> => deps.addresses.resolve(userId, body),

    /** The friend claimed the gift order: it ships to their address. False when it cannot (refunded meanwhile). */
    async deliverTo(tx: Queryable, orderId: string, address: Address, recipientId: string, now: Date): Promise<boolean> {
      const rows = await tx.query(
        `UPDATE orders SET address = $2, recipient_id = $3, updated_at = $4 WHERE id = $1 AND gift AND address IS NULL AND state = 'paid' RETURNING id`,
        [orderId, JSON.stringify(address), recipientId, now],
      );
      return rows.length > 0;
    },

    /**
     * Nobody claimed the gift order: refunded whole (its units back to stock, `order.refunded` in
     * sales' outbox) in the caller's transaction; the provider is called once that has committed —
     * run `afterCommit` then. An order no longer waiting (refunded by the shop already) is left alone.
     */
    async refundUnclaimed(tx: Queryable, orderId: string): Promise<{ afterCommit: () => Promise<void> }> {
      const o = await ordersRepo.get(tx, orderId, true);
      if (!o || !o.gift || o.address !== null || o.paidMinor - o.refundedMinor <= 0 || o.state !== 'paid') return { afterCommit: async () => {} };
      const batch = deps.events.batch();
      const { later } = await deps.refunds.refundInTx(tx, o, undefined, 'gift not claimed in time', batch);
      return {
        afterCommit: async () => {
          batch.publish();
          await runLater(later, deps.log);
        },
      };
    },
  };
}

export type GiftHolds = ReturnType<typeof createGiftHolds>;
