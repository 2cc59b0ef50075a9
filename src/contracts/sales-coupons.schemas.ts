import { z } from 'zod';
import { currency } from './catalog.schemas';
import { shopParams } from './identity.schemas';
import { text } from './text.schemas';

/**
 * Coupons: an amount or a percentage off an order above a minimum spend, valid for a time, with a
 * total number of claims and a limit per buyer. A viewer claims one (the claim is theirs), then uses
 * it on one regular order; coupons do not stack, and flash-sale and presale prices take none.
 */
const isoDate = z.string().datetime({ offset: true });

export const createCouponBody = z
  .object({
    /** The room it is dropped into (its viewers see it appear); null: a shop coupon, claimed by its id. */
    roomId: z.string().uuid().nullable().default(null),
    title: text({ max: 60 }),
    kind: z.enum(['amount', 'percent']),
    amountMinor: z.number().int().min(1).max(10_000_000_000).optional(),
    /** 1,000 = 10 % off. */
    percentBp: z.number().int().min(1).max(10_000).optional(),
    minSpendMinor: z.number().int().min(0).max(10_000_000_000).default(0),
    currency,
    /** Leave out: from now. */
    validFrom: isoDate.optional(),
    validUntil: isoDate.optional(),
    /** Leave validUntil out to make it valid this many minutes (a drop in the room: 30 by default). */
    validMinutes: z.number().int().min(1).max(60 * 24 * 366).default(30),
    total: z.number().int().min(1).max(1_000_000),
    perBuyerLimit: z.number().int().min(1).max(100).default(1),
  })
  .refine((c) => (c.kind === 'amount') === (c.amountMinor !== undefined) && (c.kind === 'percent') === (c.percentBp !== undefined), {
    message: 'an amount coupon needs amountMinor, a percent coupon percentBp (and not the other)',
    path: ['kind'],
  });
export type CreateCouponBody = z.infer<typeof createCouponBody>;

export const coupon = z.object({
  id: z.string().uuid(),
  roomId: z.string().uuid().nullable(),
  title: z.string(),
  kind: z.enum(['amount', 'percent']),
  amountMinor: z.number().int().nullable(),
  percentBp: z.number().int().nullable(),
  minSpendMinor: z.number().int(),
  currency,
  validFrom: z.string(),
  validUntil: z.string(),
  total: z.number().int(),
  claimed: z.number().int(),
  perBuyerLimit: z.number().int(),
  withdrawn: z.boolean(),
  createdAt: z.string(),
});
export type Coupon = z.infer<typeof coupon>;
export const couponAnswer = z.object({ coupon });

export const couponClaim = z.object({
  id: z.string().uuid(),
  coupon,
  claimedAt: z.string(),
  /** The order it was used on, if any. */
  orderId: z.string().uuid().nullable(),
  usedAt: z.string().nullable(),
  /** Offered to a friend as a gift since then (not usable meanwhile); null when it is not. */
  giftHeldAt: z.string().nullable(),
});
export type CouponClaim = z.infer<typeof couponClaim>;
export const couponClaimAnswer = z.object({ claim: couponClaim });

export const couponParams = z.object({ couponId: z.string().uuid() });
export const shopCouponParams = shopParams.extend({ couponId: z.string().uuid() });

/** A coupon as a room's viewers see it. */
export const roomCoupon = z.object({
  id: z.string().uuid(),
  title: z.string(),
  kind: z.enum(['amount', 'percent']),
  amountMinor: z.number().int().nullable(),
  percentBp: z.number().int().nullable(),
  minSpendMinor: z.number().int(),
  currency,
  validUntil: z.string(),
  /** Claims left. */
  left: z.number().int(),
});
export type RoomCoupon = z.infer<typeof roomCoupon>;
