import { z } from 'zod';
import { currency } from './catalog.schemas';
import { orderKind, orderState, paymentPurpose } from './sales-orders.schemas';

/**
 * What sales tells the rest of the world, one shape for the outbox (read through sales' index by
 * webhooks and analytics), the bus (topic `sales.events`, live, at-most-once) and webhooks later.
 * Thin payloads: ids and the numbers a reader needs to count orders, units and GMV per show.
 */

const orderFacts = z.object({
  orderId: z.string().uuid(),
  buyerId: z.string().uuid(),
  roomId: z.string().uuid().nullable(),
  showId: z.string().uuid().nullable(),
  kind: orderKind,
  campaignId: z.string().uuid().nullable(),
  state: orderState,
  currency,
  totalMinor: z.number().int(),
  paidMinor: z.number().int(),
  refundedMinor: z.number().int(),
  units: z.number().int(),
  lines: z.array(z.object({ productId: z.string().uuid(), skuId: z.string().uuid().nullable(), quantity: z.number().int(), unitPriceMinor: z.number().int() })),
});
export type OrderFacts = z.infer<typeof orderFacts>;

const campaignFacts = z.object({
  campaignId: z.string().uuid(),
  kind: z.enum(['flash', 'presale']),
  roomId: z.string().uuid().nullable(),
  productId: z.string().uuid(),
  skuId: z.string().uuid().nullable(),
  units: z.number().int(),
  sold: z.number().int(),
});

const orderEvent = <T extends string>(type: T) => z.object({ type: z.literal(type), data: orderFacts });

export const salesEvent = z.discriminatedUnion('type', [
  orderEvent('order.created'),
  orderEvent('order.paid'),
  orderEvent('order.cancelled'),
  orderEvent('order.expired'),
  orderEvent('order.shipped'),
  orderEvent('order.completed'),
  orderEvent('order.refunded'),
  orderEvent('order.refundRequested'),
  orderEvent('presale.depositPaid'),
  /** The balance window of a presale opened: remind the buyer (webhooks turn this into a message). */
  orderEvent('presale.balanceDue'),
  orderEvent('presale.forfeited'),
  z.object({
    type: z.literal('payment.failed'),
    data: z.object({ paymentId: z.string().uuid(), orderId: z.string().uuid(), purpose: paymentPurpose, amountMinor: z.number().int(), currency }),
  }),
  z.object({ type: z.literal('sale.started'), data: campaignFacts }),
  z.object({ type: z.literal('sale.soldOut'), data: campaignFacts }),
  z.object({ type: z.literal('sale.ended'), data: campaignFacts }),
  z.object({
    type: z.literal('coupon.claimed'),
    data: z.object({ couponId: z.string().uuid(), claimId: z.string().uuid(), buyerId: z.string().uuid(), roomId: z.string().uuid().nullable() }),
  }),
]);
export type SalesEventBody = z.infer<typeof salesEvent>;
export type SalesEventType = SalesEventBody['type'];

/** An event as stored and read back: its place in the outbox, its shop and when it happened. */
export const storedSalesEvent = z.intersection(
  salesEvent,
  z.object({ id: z.string(), shopId: z.string().uuid(), subjectId: z.string().uuid(), at: z.string() }),
);
export type StoredSalesEvent = z.infer<typeof storedSalesEvent>;
