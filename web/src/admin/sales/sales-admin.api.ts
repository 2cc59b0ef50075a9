import { typed } from '../../api/client';
import { idempotent, sdk, type Answer, type Body, type Query } from '../../api/sdk';
import type { PageOf } from '../../api/use-pages';

/** The merchant's sales calls (docs/sales.md), all scoped to one shop, through the typed SDK. */
const shop = (shopId: string) => ({ path: { shopId } });

export type ShopOrder = Answer<'/api/v1/shops/{shopId}/orders'>['orders'][number];
export type ShopOrdersFilter = Omit<Query<'/api/v1/shops/{shopId}/orders'>, 'after' | 'limit'>;
export type Coupon = Answer<'/api/v1/shops/{shopId}/coupons'>['coupons'][number];

/** The filters as a query string, the same for the list and its CSV export. */
export function filterQuery(filter: ShopOrdersFilter): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A link, not a call: the browser downloads the CSV itself. */
export const ordersCsvUrl = (shopId: string, filter: ShopOrdersFilter) => `/api/v1/shops/${encodeURIComponent(shopId)}/orders.csv${filterQuery(filter)}`;

/** Empty filters are left out, as the form leaves them blank. */
const present = (filter: ShopOrdersFilter): ShopOrdersFilter => Object.fromEntries(Object.entries(filter).filter(([, v]) => v));

export const listShopOrders = async (shopId: string, filter: ShopOrdersFilter, after: string | undefined, signal: AbortSignal): Promise<PageOf<ShopOrder>> => {
  const query = { ...present(filter), after };
  const { orders, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/orders', { params: { ...shop(shopId), query }, signal }), signal);
  return { items: orders, next };
};

const order = (shopId: string, orderId: string, key: string) => ({ path: { shopId, orderId }, header: idempotent(key) });

export const shipOrder = async (shopId: string, orderId: string, body: Body<'/api/v1/shops/{shopId}/orders/{orderId}/ship', 'post'>, key: string) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/orders/{orderId}/ship', { params: order(shopId, orderId, key), body }))).order;

export const cancelShopOrder = async (shopId: string, orderId: string, key: string) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/orders/{orderId}/cancel', { params: order(shopId, orderId, key) }))).order;

/** Without an amount: everything paid and not yet refunded, units back to stock. */
export const refundOrder = async (shopId: string, orderId: string, body: Body<'/api/v1/shops/{shopId}/orders/{orderId}/refunds', 'post'>, key: string) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/orders/{orderId}/refunds', { params: order(shopId, orderId, key), body }))).order;

export const listShowSales = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { shows, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/show-sales', { params: { ...shop(shopId), query: { after } }, signal }), signal);
  return { items: shows, next };
};

export const listStock = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { levels, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/stock', { params: { ...shop(shopId), query: { after } }, signal }), signal);
  return { items: levels, next };
};

/** Answers SALES_STOCK_CHANGED (409) when an order took units since `expected` was read. */
export const setStock = async (shopId: string, body: Body<'/api/v1/shops/{shopId}/stock', 'put'>): Promise<void> => {
  await typed(sdk.PUT('/api/v1/shops/{shopId}/stock', { params: shop(shopId), body }));
};

export const listCoupons = async (shopId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<Coupon>> => {
  const { coupons, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/coupons', { params: { ...shop(shopId), query: { after } }, signal }), signal);
  return { items: coupons, next };
};
export const createCoupon = async (shopId: string, body: Body<'/api/v1/shops/{shopId}/coupons', 'post'>) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/coupons', { params: shop(shopId), body }))).coupon;
export const withdrawCoupon = async (shopId: string, couponId: string) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/coupons/{couponId}/withdraw', { params: { path: { shopId, couponId } } }))).coupon;

export const listPresales = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { presales, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/presales', { params: { ...shop(shopId), query: { after } }, signal }), signal);
  return { items: presales, next };
};
export const createPresale = async (shopId: string, body: Body<'/api/v1/shops/{shopId}/presales', 'post'>) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/presales', { params: shop(shopId), body }))).presale;
export const cancelPresale = async (shopId: string, presaleId: string) =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/presales/{presaleId}/cancel', { params: { path: { shopId, presaleId } } }))).presale;
