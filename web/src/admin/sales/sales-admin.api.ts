import { z } from 'zod';
import { createPresaleBody, presale, presaleAnswer } from '../../../../src/contracts/sales-campaigns.schemas';
import { coupon, couponAnswer, createCouponBody } from '../../../../src/contracts/sales-coupons.schemas';
import {
  orderAnswer,
  setStockBody,
  shopOrder,
  showSales,
  stockLevelsAnswer,
  type ShopOrdersFilter,
} from '../../../../src/contracts/sales-orders.schemas';
import { api } from '../../api/client';
import { withCursor, type PageOf } from '../../api/use-pages';

/** The merchant's sales calls (docs/sales.md), all scoped to one shop. */
const shopPath = (shopId: string) => `/api/v1/shops/${encodeURIComponent(shopId)}`;

/** The filters as a query string, the same for the list and its CSV export. */
export function filterQuery(filter: ShopOrdersFilter): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const ordersCsvUrl = (shopId: string, filter: ShopOrdersFilter) => `${shopPath(shopId)}/orders.csv${filterQuery(filter)}`;

const ordersAnswer = z.object({ orders: z.array(shopOrder), next: z.string().nullable() });
export const listShopOrders = async (shopId: string, filter: ShopOrdersFilter, after: string | undefined, signal: AbortSignal) => {
  const { orders, next } = await api.get(withCursor(`${shopPath(shopId)}/orders${filterQuery(filter)}`, after), ordersAnswer, signal);
  return { items: orders, next };
};

const orderPath = (shopId: string, orderId: string) => `${shopPath(shopId)}/orders/${encodeURIComponent(orderId)}`;

export const shipOrder = async (shopId: string, orderId: string, body: { carrier: string; trackingNumber: string }, key: string) =>
  (await api.post(`${orderPath(shopId, orderId)}/ship`, body, orderAnswer, { idempotencyKey: key })).order;

export const cancelShopOrder = async (shopId: string, orderId: string, key: string) =>
  (await api.post(`${orderPath(shopId, orderId)}/cancel`, {}, orderAnswer, { idempotencyKey: key })).order;

/** Without an amount: everything paid and not yet refunded, units back to stock. */
export const refundOrder = async (shopId: string, orderId: string, body: { amountMinor?: number; reason: string; units?: { line: number; quantity: number }[] }, key: string) =>
  (await api.post(`${orderPath(shopId, orderId)}/refunds`, body, orderAnswer, { idempotencyKey: key })).order;

const showSalesAnswer = z.object({ shows: z.array(showSales), next: z.string().nullable() });
export const listShowSales = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { shows, next } = await api.get(withCursor(`${shopPath(shopId)}/show-sales`, after), showSalesAnswer, signal);
  return { items: shows, next };
};

export const listStock = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { levels, next } = await api.get(withCursor(`${shopPath(shopId)}/stock`, after), stockLevelsAnswer, signal);
  return { items: levels, next };
};

/** Answers SALES_STOCK_CHANGED (409) when an order took units since `expected` was read. */
export const setStock = (shopId: string, body: z.input<typeof setStockBody>) => api.putNoContent(`${shopPath(shopId)}/stock`, body);

const couponsAnswer = z.object({ coupons: z.array(coupon), next: z.string().nullable() });
export const listCoupons = async (shopId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<z.infer<typeof coupon>>> => {
  const { coupons, next } = await api.get(withCursor(`${shopPath(shopId)}/coupons`, after), couponsAnswer, signal);
  return { items: coupons, next };
};
export const createCoupon = async (shopId: string, body: z.input<typeof createCouponBody>) =>
  (await api.post(`${shopPath(shopId)}/coupons`, body, couponAnswer)).coupon;
export const withdrawCoupon = async (shopId: string, couponId: string) =>
  (await api.post(`${shopPath(shopId)}/coupons/${encodeURIComponent(couponId)}/withdraw`, {}, couponAnswer)).coupon;

const presalesAnswer = z.object({ presales: z.array(presale), next: z.string().nullable() });
export const listPresales = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { presales, next } = await api.get(withCursor(`${shopPath(shopId)}/presales`, after), presalesAnswer, signal);
  return { items: presales, next };
};
export const createPresale = async (shopId: string, body: z.input<typeof createPresaleBody>) =>
  (await api.post(`${shopPath(shopId)}/presales`, body, presaleAnswer)).presale;
export const cancelPresale = async (shopId: string, presaleId: string) =>
  (await api.post(`${shopPath(shopId)}/presales/${encodeURIComponent(presaleId)}/cancel`, {}, presaleAnswer)).presale;
