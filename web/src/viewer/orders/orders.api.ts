import { typed } from '../../api/client';
import { idempotent, sdk } from '../../api/sdk';
import type { PageOf } from '../../api/use-pages';
import type { Order } from '../buy/buy.api';

export const listMyOrders = async (after: string | undefined, signal: AbortSignal): Promise<PageOf<Order>> => {
  const page = await typed(sdk.GET('/api/v1/me/orders', { params: { query: { after } }, signal }), signal);
  return { items: page.orders, next: page.next };
};

const mine = (orderId: string, key: string) => ({ path: { orderId }, header: idempotent(key) });

export const cancelOrder = async (orderId: string, key: string) =>
  (await typed(sdk.POST('/api/v1/orders/{orderId}/cancel', { params: mine(orderId, key) }))).order;

export const askRefund = async (orderId: string, reason: string, key: string) =>
  (await typed(sdk.POST('/api/v1/orders/{orderId}/refund-request', { params: mine(orderId, key), body: { reason } }))).order;

export const confirmReceipt = async (orderId: string, key: string) =>
  (await typed(sdk.POST('/api/v1/orders/{orderId}/receipt', { params: mine(orderId, key) }))).order;
