import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import { newId } from '../kernel/ids';
import type { GiftWhat, SendGiftBody } from '../contracts/gifts.schemas';
import { newShareCode } from '../shares';
import { giftsRepo, type GiftRow } from './gifts.repo';
import type { GiftSales } from './ports';

/**
 * Sending a gift: in one transaction sales holds the coupon claim (or checks the paid gift order,
 * locked) and the gift is written with a fresh code. Sending the same claim or order again answers
 * the gift already made, so a retried request makes no second one.
 */
export function createSendGift(deps: { db: Db; clock: Clock; sales: GiftSales; claimMs: number }) {
  return async function send(senderId: string, body: SendGiftBody): Promise<GiftRow> {
    const message = body.message ?? null;
    return deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const base = { id: newId(), code: newShareCode(), senderId, message, createdAt: now };
      if ('coupon' in body) {
        const existing = await giftsRepo.existing(tx, { couponClaimId: body.coupon });
        if (existing?.senderId === senderId) return existing;
        const c = await deps.sales.holdCoupon(tx, body.coupon, senderId, now);
        const what: GiftWhat = {
          title: c.title, detail: '', imageUrl: null, currency: c.currency as GiftWhat['currency'], valueMinor: c.amountMinor, percentBp: c.percentBp,
          minSpendMinor: c.minSpendMinor, units: null,
        };
        // A coupon that ends sooner than the window ends the window: the friend never gets a dead coupon.
        const expiresAt = new Date(Math.min(now.getTime() + deps.claimMs, c.validUntil.getTime()));
        return giftsRepo.insert(tx, { ...base, shopId: c.shopId, kind: 'coupon', couponClaimId: body.coupon, orderId: null, what, expiresAt });
      }
      const existing = await giftsRepo.existing(tx, { orderId: body.order });
      if (existing) {
        if (existing.senderId !== senderId) throw new AppError('SALES_ORDER_NOT_FOUND');
        return existing;
      }
      const o = await deps.sales.giftOrder(tx, body.order, senderId);
      const what: GiftWhat = {
        title: o.title, detail: o.skuLabel, imageUrl: o.imageUrl, currency: o.currency as GiftWhat['currency'], valueMinor: o.totalMinor, percentBp: null,
        minSpendMinor: null, units: o.units,
      };
      return giftsRepo.insert(tx, { ...base, shopId: o.shopId, kind: 'product', couponClaimId: null, orderId: o.orderId, what, expiresAt: new Date(now.getTime() + deps.claimMs) });
    });
  };
}
