import { z } from 'zod';
import { currency } from './catalog.schemas';
import { pageAnswer } from './pagination.schemas';
import { addressInput } from './sales-orders.schemas';
import { shareCode } from './shares.schemas';
import { text } from './text.schemas';

/**
 * Claimable gifts (docs/sharing.md, "Claimable gifts"): a buyer sends a coupon they hold, or a
 * product they paid for, as a short link, a token (口令) and a QR code; a friend claims it within
 * the window, or it goes back to the sender.
 */

/** open → claimed (by one friend) | returned (nobody claimed it in time: coupon back, or order refunded). */
export const giftState = z.enum(['open', 'claimed', 'returned']);
export type GiftState = z.infer<typeof giftState>;
export const giftKind = z.enum(['coupon', 'product']);
export type GiftKind = z.infer<typeof giftKind>;

/** Send a coupon claim you hold (`coupon`), or a paid gift order (`order`: placed with `gift: true`). */
export const sendGiftBody = z.union([
  z.object({ coupon: z.string().uuid(), message: text({ max: 100 }).optional() }).strict(),
  z.object({ order: z.string().uuid(), message: text({ max: 100 }).optional() }).strict(),
]);
export type SendGiftBody = z.infer<typeof sendGiftBody>;

/** What the gift is, as its sender and the friend see it (copied when it was sent). */
export const giftWhat = z.object({
  title: z.string(),
  /** A product's option values, e.g. "靛蓝 / M"; empty for a coupon or a product without SKUs. */
  detail: z.string(),
  imageUrl: z.string().nullable(),
  currency,
  /** A product: what was paid; a coupon of an amount: the amount off. */
  valueMinor: z.number().int().nullable(),
  /** A coupon of a percentage: basis points off (1000 = 10 %). */
  percentBp: z.number().int().nullable(),
  /** A coupon: the least an order must come to. */
  minSpendMinor: z.number().int().nullable(),
  /** A product: how many units. */
  units: z.number().int().nullable(),
});
export type GiftWhat = z.infer<typeof giftWhat>;

/** A gift as its sender sees it ("my gifts"), with the ways to pass it on. */
export const sentGift = z.object({
  id: z.string().uuid(),
  code: z.string(),
  kind: giftKind,
  state: giftState,
  what: giftWhat,
  message: z.string().nullable(),
  /** Absolute: `HUTONG_PUBLIC_URL/g/CODE`, the claim page. */
  url: z.string(),
  /** The text to paste where links are blocked, e.g. `￥hT7kQ2abcde￥ 打开 hutong 领取礼物「…」`. */
  token: z.string(),
  qrSvgUrl: z.string(),
  qrPngUrl: z.string(),
  createdAt: z.string(),
  /** Claimable until then; after it the gift goes back to the sender. */
  expiresAt: z.string(),
  claimedAt: z.string().nullable(),
  claimedBy: z.object({ id: z.string().uuid(), displayName: z.string() }).nullable(),
  returnedAt: z.string().nullable(),
});
export type SentGift = z.infer<typeof sentGift>;
export const sentGiftAnswer = z.object({ gift: sentGift });
export const sentGiftsAnswer = pageAnswer('gifts', sentGift);

/** A gift as anyone holding its code sees it (the claim page). `expired`: open, but its window has passed. */
export const giftView = z.object({
  code: z.string(),
  kind: giftKind,
  state: z.enum(['open', 'claimed', 'returned', 'expired']),
  what: giftWhat,
  message: z.string().nullable(),
  sender: z.object({ displayName: z.string() }),
  expiresAt: z.string(),
  /** A product gift asks the friend for the address it ships to. */
  needsAddress: z.boolean(),
  /** The caller sent it (they cannot claim it). */
  yours: z.boolean(),
  /** The caller claimed it. */
  claimedByYou: z.boolean(),
});
export type GiftView = z.infer<typeof giftView>;
export const giftViewAnswer = z.object({ gift: giftView });

export const giftCodeParams = z.object({ code: shareCode });
export const giftIdParams = z.object({ giftId: z.string().uuid() });

/** A product gift: the friend's address, written out or one of their saved ones. A coupon: nothing. */
export const claimGiftBody = z.object({ address: addressInput.optional(), addressId: z.string().uuid().optional() });
export const claimGiftAnswer = z.object({
  gift: giftView,
  /** A coupon gift: the claim that is now the friend's (in "my coupons"). */
  couponClaimId: z.string().uuid().nullable(),
  /** A product gift: the order now shipping to the friend. */
  orderId: z.string().uuid().nullable(),
});

export const resolveGiftAnswer = z.object({ code: z.string(), url: z.string() });

/** `gift.claimed` (webhooks): who sent what to whom; the code is never sent (it was a bearer secret). */
export const giftClaimedData = z.object({
  giftId: z.string().uuid(),
  kind: giftKind,
  senderId: z.string().uuid(),
  recipientId: z.string().uuid(),
  couponId: z.string().uuid().nullable(),
  couponClaimId: z.string().uuid().nullable(),
  orderId: z.string().uuid().nullable(),
  claimedAt: z.string(),
});
export type GiftClaimedData = z.infer<typeof giftClaimedData>;

/**
 * `gift.returned` (webhooks): nobody claimed the gift in its window, so it went back to its sender —
 * a coupon claim is the sender's again, a gift order is refunded whole. No recipient: there was none.
 */
export const giftReturnedData = z.object({
  giftId: z.string().uuid(),
  kind: giftKind,
  senderId: z.string().uuid(),
  couponClaimId: z.string().uuid().nullable(),
  orderId: z.string().uuid().nullable(),
  returnedAt: z.string(),
});
export type GiftReturnedData = z.infer<typeof giftReturnedData>;
