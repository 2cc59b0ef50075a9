import { typed } from '../../api/client';
import { sdk, type Answer, type Body } from '../../api/sdk';
import type { PageOf } from '../../api/use-pages';
import type { CouponClaim } from '../buy/buy.api';

export type SendGiftBody = Body<'/api/v1/gifts', 'post'>;
export type SentGift = Answer<'/api/v1/me/gifts'>['gifts'][number];
export type GiftView = Answer<'/api/v1/gifts/{code}'>['gift'];

/** Sends a coupon claim or a paid gift order as a gift; the same one again answers the same gift. */
export const sendGift = async (body: SendGiftBody) => (await typed(sdk.POST('/api/v1/gifts', { body }))).gift;

export const listMyGifts = async (after: string | undefined, signal: AbortSignal): Promise<PageOf<SentGift>> => {
  const page = await typed(sdk.GET('/api/v1/me/gifts', { params: { query: { after } }, signal }), signal);
  return { items: page.gifts, next: page.next };
};

export const listMyCoupons = async (after: string | undefined, signal: AbortSignal): Promise<PageOf<CouponClaim>> => {
  const page = await typed(sdk.GET('/api/v1/me/coupons', { params: { query: { after } }, signal }), signal);
  return { items: page.claims, next: page.next };
};

export const fetchGift = async (code: string, signal?: AbortSignal) =>
  (await typed(sdk.GET('/api/v1/gifts/{code}', { params: { path: { code } }, signal }), signal)).gift;

export const claimGift = (code: string, body: Body<'/api/v1/gifts/{code}/claims', 'post'>) =>
  typed(sdk.POST('/api/v1/gifts/{code}/claims', { params: { path: { code } }, body }));

/** The gift a pasted text carries (GIFTS_NOT_FOUND when none). */
export const resolveGift = (text: string) => typed(sdk.GET('/api/v1/gifts/resolve', { params: { query: { text } } }));
