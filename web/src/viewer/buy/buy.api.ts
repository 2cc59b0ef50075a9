import { z } from 'zod';
import { presale, roomFlashSale } from '../../../../src/contracts/sales-campaigns.schemas';
import { couponClaimAnswer, couponClaim, roomCoupon } from '../../../../src/contracts/sales-coupons.schemas';
import {
  orderAnswer,
  paymentAnswer,
  savedAddressAnswer,
  savedAddressesAnswer,
  type AddressInput,
  type Order,
  type Payment,
  type PlaceOrderBody,
} from '../../../../src/contracts/sales-orders.schemas';
import { api } from '../../api/client';

/** What a room sells now besides its cart: flash sales, presales and coupons to claim. */
export const roomSalesAnswer = z.object({ flashSales: z.array(roomFlashSale), presales: z.array(presale), coupons: z.array(roomCoupon) });
export type RoomSales = z.infer<typeof roomSalesAnswer>;

export const fetchRoomSales = (slug: string, signal: AbortSignal): Promise<RoomSales> =>
  api.get(`/api/v1/rooms/${encodeURIComponent(slug)}/sales`, roomSalesAnswer, signal);

/**
 * Every write of the buy path carries an Idempotency-Key made once per user intent (a tap on "place
 * order"), so a retry after a lost answer returns the same order instead of a second one.
 */
export const newKey = () => crypto.randomUUID();

export const placeOrder = async (body: PlaceOrderBody, key: string): Promise<Order> =>
  (await api.post('/api/v1/orders', body, orderAnswer, { idempotencyKey: key })).order;

export const buyFlashSale = async (saleId: string, body: { quantity: number; addressId: string }, key: string): Promise<Order> =>
  (await api.post(`/api/v1/flash-sales/${saleId}/orders`, body, orderAnswer, { idempotencyKey: key })).order;

export const payDeposit = async (presaleId: string, body: { quantity: number; addressId: string }, key: string): Promise<Order> =>
  (await api.post(`/api/v1/presales/${presaleId}/orders`, body, orderAnswer, { idempotencyKey: key })).order;

export const startPayment = async (orderId: string, key: string): Promise<Payment> =>
  (await api.post(`/api/v1/orders/${orderId}/payments`, { provider: 'sandbox' }, paymentAnswer, { idempotencyKey: key })).payment;

export const fetchOrder = async (orderId: string, signal?: AbortSignal): Promise<Order> =>
  (await api.get(`/api/v1/orders/${orderId}`, orderAnswer, signal)).order;

export const fetchAddresses = async (signal: AbortSignal) => (await api.get('/api/v1/me/addresses', savedAddressesAnswer, signal)).addresses;

export const saveAddress = async (address: AddressInput & { isDefault: boolean }) =>
  (await api.post('/api/v1/me/addresses', address, savedAddressAnswer)).address;

export const claimCoupon = async (couponId: string) => (await api.post(`/api/v1/coupons/${couponId}/claims`, {}, couponClaimAnswer)).claim;

export const myCouponsAnswer = z.object({ claims: z.array(couponClaim), next: z.string().nullable() });
