import { typed } from '../../api/client';
import { idempotent, sdk, type Answer, type Body } from '../../api/sdk';

/** What a room sells now besides its cart: flash sales, presales and coupons to claim. */
export type RoomSales = Answer<'/api/v1/rooms/{slug}/sales'>;
export type Order = Answer<'/api/v1/orders/{orderId}'>['order'];
export type Payment = Answer<'/api/v1/orders/{orderId}/payments', 'post'>['payment'];
export type PlaceOrderBody = Body<'/api/v1/orders', 'post'>;
export type AddressInput = Omit<Body<'/api/v1/me/addresses', 'post'>, 'isDefault'>;
export type CouponClaim = Answer<'/api/v1/me/coupons'>['claims'][number];

export const fetchRoomSales = (slug: string, signal: AbortSignal): Promise<RoomSales> =>
  typed(sdk.GET('/api/v1/rooms/{slug}/sales', { params: { path: { slug } }, signal }), signal);

/**
 * Every write of the buy path carries an Idempotency-Key made once per user intent (a tap on "place
 * order"), so a retry after a lost answer returns the same order instead of a second one.
 */
export const newKey = () => crypto.randomUUID();

export const placeOrder = async (body: PlaceOrderBody, key: string): Promise<Order> =>
  (await typed(sdk.POST('/api/v1/orders', { params: { header: idempotent(key) }, body }))).order;

export const buyFlashSale = async (saleId: string, body: { quantity: number; addressId: string }, key: string): Promise<Order> =>
  (await typed(sdk.POST('/api/v1/flash-sales/{saleId}/orders', { params: { path: { saleId }, header: idempotent(key) }, body }))).order;

export const payDeposit = async (presaleId: string, body: { quantity: number; addressId: string }, key: string): Promise<Order> =>
  (await typed(sdk.POST('/api/v1/presales/{presaleId}/orders', { params: { path: { presaleId }, header: idempotent(key) }, body }))).order;

export const startPayment = async (orderId: string, key: string): Promise<Payment> =>
  (await typed(sdk.POST('/api/v1/orders/{orderId}/payments', { params: { path: { orderId }, header: idempotent(key) }, body: { provider: 'sandbox' } }))).payment;

export const fetchOrder = async (orderId: string, signal?: AbortSignal): Promise<Order> =>
  (await typed(sdk.GET('/api/v1/orders/{orderId}', { params: { path: { orderId } }, signal }), signal)).order;

export const fetchAddresses = async (signal: AbortSignal) => (await typed(sdk.GET('/api/v1/me/addresses', { signal }), signal)).addresses;

export const saveAddress = async (address: Body<'/api/v1/me/addresses', 'post'>) =>
  (await typed(sdk.POST('/api/v1/me/addresses', { body: address }))).address;

export const claimCoupon = async (couponId: string) => (await typed(sdk.POST('/api/v1/coupons/{couponId}/claims', { params: { path: { couponId } } }))).claim;

/** The coupons this account claimed (the first 50: enough to pick one at checkout). */
export const fetchMyCoupons = (signal: AbortSignal) => typed(sdk.GET('/api/v1/me/coupons', { params: { query: { limit: 50 } }, signal }), signal);
