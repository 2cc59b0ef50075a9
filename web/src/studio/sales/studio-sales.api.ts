import { z } from 'zod';
import { createFlashSaleBody, flashSaleAnswer } from '../../../../src/contracts/sales-campaigns.schemas';
import { couponAnswer, createCouponBody } from '../../../../src/contracts/sales-coupons.schemas';
import { showSales, type ShowSales } from '../../../../src/contracts/sales-orders.schemas';
import { productAnswer } from '../../../../src/contracts/catalog.schemas';
import { api } from '../../api/client';
import { listShows } from '../golive/golive.api';

const shopPath = (shopId: string) => `/api/v1/shops/${encodeURIComponent(shopId)}`;

export const startFlashSale = async (shopId: string, body: z.input<typeof createFlashSaleBody>) =>
  (await api.post(`${shopPath(shopId)}/flash-sales`, body, flashSaleAnswer)).flashSale;

/** With a roomId the coupon drops into that room at once (its viewers see it appear). */
export const dropCoupon = async (shopId: string, body: z.input<typeof createCouponBody>) =>
  (await api.post(`${shopPath(shopId)}/coupons`, body, couponAnswer)).coupon;

const showSalesAnswer = z.object({ shows: z.array(showSales), next: z.string().nullable() });

/**
 * The room's show on air now and its sales so far (orders placed while it is live), or null when
 * nothing is on air. A show with no order yet has no sales row: it counts as zero.
 */
export async function currentShowSales(shopId: string, roomId: string, signal: AbortSignal): Promise<{ showId: string; sales: ShowSales | null } | null> {
  const shows = await listShows(shopId, roomId, undefined, signal);
  const live = shows.items.find((s) => s.state === 'live');
  if (!live) return null;
  const page = await api.get(`${shopPath(shopId)}/show-sales?showId=${encodeURIComponent(live.id)}`, showSalesAnswer, signal);
  return { showId: live.id, sales: page.shows[0] ?? null };
}

/** A product with its SKUs, to pick the SKU a flash sale sells. */
export const fetchProduct = async (shopId: string, productId: string, signal: AbortSignal) =>
  (await api.get(`${shopPath(shopId)}/products/${encodeURIComponent(productId)}`, productAnswer, signal)).product;
