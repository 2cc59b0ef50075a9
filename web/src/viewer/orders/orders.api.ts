import { z } from 'zod';
import { order, orderAnswer, type Order } from '../../../../src/contracts/sales-orders.schemas';
import { api } from '../../api/client';
import { withCursor, type PageOf } from '../../api/use-pages';

const myOrdersAnswer = z.object({ orders: z.array(order), next: z.string().nullable() });

export const listMyOrders = async (after: string | undefined, signal: AbortSignal): Promise<PageOf<Order>> => {
  const page = await api.get(withCursor('/api/v1/me/orders', after), myOrdersAnswer, signal);
  return { items: page.orders, next: page.next };
};

export const cancelOrder = async (orderId: string, key: string) =>
  (await api.post(`/api/v1/orders/${orderId}/cancel`, {}, orderAnswer, { idempotencyKey: key })).order;

export const askRefund = async (orderId: string, reason: string, key: string) =>
  (await api.post(`/api/v1/orders/${orderId}/refund-request`, { reason }, orderAnswer, { idempotencyKey: key })).order;

export const confirmReceipt = async (orderId: string, key: string) =>
  (await api.post(`/api/v1/orders/${orderId}/receipt`, {}, orderAnswer, { idempotencyKey: key })).order;
