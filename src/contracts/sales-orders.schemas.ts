import { z } from 'zod';
import { currency } from './catalog.schemas';
import { shopParams } from './identity.schemas';
import { text } from './text.schemas';

/**
 * Orders, addresses and payments as the buyer and the merchant see them (docs/sales.md).
 * Money is integer minor units (fen) with the order's currency beside it.
 */

const line = (max: number) => text({ max });

/** Where an order goes. Snapshotted into the order: editing a saved address never changes an order. */
export const addressInput = z.object({
  name: line(60),
  phone: z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'a phone number'),
  region: line(60),
  city: line(60),
  line1: line(200),
  postcode: text({ max: 20, min: 0 }).default(''),
});
export type AddressInput = z.infer<typeof addressInput>;
export const address = addressInput.extend({ postcode: z.string() });
export type Address = z.infer<typeof address>;
export const savedAddress = address.extend({ id: z.string().uuid(), isDefault: z.boolean() });
export const savedAddressBody = addressInput.extend({ isDefault: z.boolean().default(false) });
export const savedAddressAnswer = z.object({ address: savedAddress });
export const savedAddressesAnswer = z.object({ addresses: z.array(savedAddress) });
export const addressParams = z.object({ addressId: z.string().uuid() });

/** Either an address written out (kept with the order only) or one of the buyer's saved addresses. */
export const shipTo = {
  address: addressInput.optional(),
  addressId: z.string().uuid().optional(),
};

/**
 * The order lifecycle (sales/orders/order.machine.ts has the transitions):
 * pending_payment → paid → shipped → completed; a presale goes pending_payment (deposit due) →
 * deposit_paid → paid; unpaid orders are cancelled or expire; paid money goes back as refunded or
 * partially_refunded; a presale deposit whose balance window was missed is forfeited.
 */
export const orderState = z.enum([
  'pending_payment', 'deposit_paid', 'paid', 'shipped', 'completed',
  'cancelled', 'expired', 'refunded', 'partially_refunded', 'forfeited',
]);
export type OrderState = z.infer<typeof orderState>;
export const orderKind = z.enum(['regular', 'flash', 'presale']);
export type OrderKind = z.infer<typeof orderKind>;

/** One line as it was when bought: title, option values and price are copied, never looked up again. */
export const orderLine = z.object({
  productId: z.string().uuid(),
  skuId: z.string().uuid().nullable(),
  title: z.string(),
  /** The SKU's option values, e.g. "靛蓝 / M"; empty without SKUs. */
  skuLabel: z.string(),
  imageUrl: z.string().nullable(),
  unitPriceMinor: z.number().int(),
  quantity: z.number().int(),
});
export type OrderLine = z.infer<typeof orderLine>;

/** What the buyer must pay next: the whole order, a presale's deposit, or its balance. */
export const paymentPurpose = z.enum(['full', 'deposit', 'balance']);
export type PaymentPurpose = z.infer<typeof paymentPurpose>;

export const order = z.object({
  id: z.string().uuid(),
  shopId: z.string().uuid(),
  roomId: z.string().uuid().nullable(),
  showId: z.string().uuid().nullable(),
  kind: orderKind,
  campaignId: z.string().uuid().nullable(),
  state: orderState,
  currency,
  lines: z.array(orderLine),
  units: z.number().int(),
  /** Units a partial refund gave back, per line (same order as `lines`). */
  returnedUnits: z.array(z.number().int()),
  subtotalMinor: z.number().int(),
  discountMinor: z.number().int(),
  /** Everything the buyer pays for this order (for a presale: deposit + balance). */
  totalMinor: z.number().int(),
  depositMinor: z.number().int().nullable(),
  /** What the deposit counts for against the price (定金膨胀). */
  depositWorthMinor: z.number().int().nullable(),
  paidMinor: z.number().int(),
  refundedMinor: z.number().int(),
  /** The payment due now, if any, and what it is for. */
  due: z.object({ purpose: paymentPurpose, amountMinor: z.number().int() }).nullable(),
  /** Null only for a gift whose friend has not claimed it yet (they give the address then). */
  address: address.nullable(),
  /** Bought as a gift: paid now, sent to a friend who claims it (docs/sharing.md, "Claimable gifts"). */
  gift: z.boolean(),
  couponClaimId: z.string().uuid().nullable(),
  /** An unpaid order expires then and its units go back. */
  expiresAt: z.string().nullable(),
  balanceStartsAt: z.string().nullable(),
  balanceEndsAt: z.string().nullable(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  refundRequestedAt: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type Order = z.infer<typeof order>;
export const orderAnswer = z.object({ order });

/** The merchant's view adds who bought. */
export const shopOrder = order.extend({ buyer: z.object({ id: z.string().uuid(), displayName: z.string() }) });
export type ShopOrder = z.infer<typeof shopOrder>;
export const shopOrderAnswer = z.object({ order: shopOrder });

export const MAX_ORDER_LINES = 20;
export const MAX_LINE_QUANTITY = 99;
export const quantity = z.number().int().min(1).max(MAX_LINE_QUANTITY);

export const placeOrderBody = z.object({
  /** The room it is bought in: the order belongs to the room's shop and its live show. */
  roomId: z.string().uuid(),
  lines: z
    .array(z.object({ productId: z.string().uuid(), skuId: z.string().uuid().nullable().default(null), quantity }))
    .min(1)
    .max(MAX_ORDER_LINES),
  /** At most one coupon applies (two are refused with SALES_COUPON_NOT_STACKABLE). */
  couponClaimIds: z.array(z.string().uuid()).max(5).default([]),
  /** Buy it as a gift: no address now; once paid, send it (POST /gifts) and the friend gives theirs. */
  gift: z.boolean().default(false),
  ...shipTo,
});
export type PlaceOrderBody = z.infer<typeof placeOrderBody>;

export const orderParams = z.object({ orderId: z.string().uuid() });
export const shopOrderParams = shopParams.extend({ orderId: z.string().uuid() });

export const refundRequestBody = z.object({ reason: text({ max: 500, multiline: true }) });
export const shipBody = z.object({ carrier: line(60), trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/, 'letters, digits and dashes') });
export const refundBody = z.object({
  /** Leave out to refund everything paid and not yet refunded (units go back to stock). */
  amountMinor: z.number().int().min(1).optional(),
  reason: text({ max: 500, multiline: true }),
  /**
   * With a partial refund: units that come back with it, per line (`line`: its index in the order's
   * `lines`), returned to stock (or to a flash sale or presale that still sells). A whole refund
   * gives back every unit still out and needs none.
   */
  units: z.array(z.object({ line: z.number().int().min(0).max(MAX_ORDER_LINES - 1), quantity })).max(MAX_ORDER_LINES).optional(),
});

export const payment = z.object({
  id: z.string().uuid(),
  orderId: z.string().uuid(),
  purpose: paymentPurpose,
  provider: z.string(),
  amountMinor: z.number().int(),
  currency,
  state: z.enum(['pending', 'succeeded', 'failed', 'refunded']),
  /** Where the buyer pays (the provider's hosted page). */
  payUrl: z.string(),
  createdAt: z.string(),
});
export type Payment = z.infer<typeof payment>;
export const paymentAnswer = z.object({ payment });
export const startPaymentBody = z.object({ provider: z.enum(['sandbox']).default('sandbox') });

/** Filters of a shop's order list and its CSV export; the list pages like every list (`limit`, `after`). */
export const shopOrdersFilter = z.object({
  state: orderState.optional(),
  showId: z.string().uuid().optional(),
  /** Orders placed at or after `from` and before `to`. */
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  buyerId: z.string().uuid().optional(),
});
export type ShopOrdersFilter = z.infer<typeof shopOrdersFilter>;

/** A show's sales: orders placed while it was live. GMV counts money paid, refunds apart. */
export const showSales = z.object({
  showId: z.string().uuid(),
  currency,
  orders: z.number().int(),
  /** Orders whose buyer paid (fully, or the deposit of a presale). */
  paidOrders: z.number().int(),
  units: z.number().int(),
  gmvMinor: z.number().int(),
  refundedMinor: z.number().int(),
  lastOrderAt: z.string(),
});
export type ShowSales = z.infer<typeof showSales>;

/**
 * Every call that places, pays, cancels, ships or refunds an order carries an Idempotency-Key
 * (docs/sales.md "Idempotency"): the same key and request answer the same, whatever the retries.
 */
export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .describe('Required. A unique key per request (a UUID), as a Structured Field string ("…") or bare; kept 24 hours, per caller.'),
});

/** Stock of one product or SKU as the merchant manages it. */
export const stockLevel = z.object({
  productId: z.string().uuid(),
  skuId: z.string().uuid().nullable(),
  title: z.string(),
  skuLabel: z.string(),
  /** Units that can be sold now (ordered units have left it). */
  stock: z.number().int(),
  /** Units held by flash sales and presales that still sell (they come back when those end). */
  heldByCampaigns: z.number().int(),
});
export const stockLevelsAnswer = z.object({ levels: z.array(stockLevel), next: z.string().nullable() });
/** Sets a product's or SKU's stock if it is still `expected` (what the merchant saw): an order taken meanwhile answers 409. */
export const setStockBody = z.object({
  productId: z.string().uuid(),
  skuId: z.string().uuid().nullable().default(null),
  stock: z.number().int().min(0).max(10_000_000),
  expected: z.number().int().min(0),
});
