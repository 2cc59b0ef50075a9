import { z } from 'zod';
import {
  claimGiftAnswer, giftViewAnswer, resolveGiftAnswer, sentGift, sentGiftAnswer, type SendGiftBody, type SentGift,
} from '../../../../src/contracts/gifts.schemas';
import { couponClaim, type CouponClaim } from '../../../../src/contracts/sales-coupons.schemas';
import type { AddressInput } from '../../../../src/contracts/sales-orders.schemas';
import { api } from '../../api/client';
import { withCursor, type PageOf } from '../../api/use-pages';

/** Sends a coupon claim or a paid gift order as a gift; the same one again answers the same gift. */
export const sendGift = async (body: SendGiftBody) => (await api.post('/api/v1/gifts', body, sentGiftAnswer)).gift;

const myGiftsAnswer = z.object({ gifts: z.array(sentGift), next: z.string().nullable() });
export const listMyGifts = async (after: string | undefined, signal: AbortSignal): Promise<PageOf<SentGift>> => {
  const page = await api.get(withCursor('/api/v1/me/gifts', after), myGiftsAnswer, signal);
  return { items: page.gifts, next: page.next };
};

const myCouponsAnswer = z.object({ claims: z.array(couponClaim), next: z.string().nullable() });
export const listMyCoupons = async (after: string | undefined, signal: AbortSignal): Promise<PageOf<CouponClaim>> => {
  const page = await api.get(withCursor('/api/v1/me/coupons', after), myCouponsAnswer, signal);
  return { items: page.claims, next: page.next };
};

export const fetchGift = async (code: string, signal?: AbortSignal) => (await api.get(`/api/v1/gifts/${encodeURIComponent(code)}`, giftViewAnswer, signal)).gift;

export const claimGift = (code: string, body: { address?: AddressInput; addressId?: string }) =>
  api.post(`/api/v1/gifts/${encodeURIComponent(code)}/claims`, body, claimGiftAnswer);

/** The gift a pasted text carries (GIFTS_NOT_FOUND when none). */
export const resolveGift = (text: string) => api.get(`/api/v1/gifts/resolve?text=${encodeURIComponent(text)}`, resolveGiftAnswer);
