import { typed } from '../../api/client';
import { sdk, type Answer, type Body } from '../../api/sdk';
import { listShows } from '../golive/golive.api';

export type ShowSales = Answer<'/api/v1/shops/{shopId}/show-sales'>['shows'][number];
export type FlashSale = Answer<'/api/v1/shops/{shopId}/flash-sales', 'post'>['flashSale'];
export type Coupon = Answer<'/api/v1/shops/{shopId}/coupons', 'post'>['coupon'];

const shop = (shopId: string) => ({ path: { shopId } });

export const startFlashSale = async (shopId: string, body: Body<'/api/v1/shops/{shopId}/flash-sales', 'post'>) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/flash-sales', { params: shop(shopId), body }))).flashSale;

/** With a roomId the coupon drops into that room at once (its viewers see it appear). */
export const dropCoupon = async (shopId: string, body: Body<'/api/v1/shops/{shopId}/coupons', 'post'>) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/coupons', { params: shop(shopId), body }))).coupon;

/**
 * The room's show on air now and its sales so far (orders placed while it is live), or null when
 * nothing is on air. A show with no order yet has no sales row: it counts as zero.
 */
export async function currentShowSales(shopId: string, roomId: string, signal: AbortSignal): Promise<{ showId: string; sales: ShowSales | null } | null> {
  const shows = await listShows(shopId, roomId, undefined, signal);
  const live = shows.items.find((s) => s.state === 'live');
  if (!live) return null;
  const page = await typed(sdk.GET('/api/v1/shops/{shopId}/show-sales', { params: { ...shop(shopId), query: { showId: live.id } }, signal }), signal);
  return { showId: live.id, sales: page.shows[0] ?? null };
}

/** A product with its SKUs, to pick the SKU a flash sale sells. */
export const fetchProduct = async (shopId: string, productId: string, signal: AbortSignal) =>
  (await typed(sdk.GET('/api/v1/shops/{shopId}/products/{productId}', { params: { path: { shopId, productId } }, signal }), signal)).product;
