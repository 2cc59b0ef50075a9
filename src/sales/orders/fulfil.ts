import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/app-error';
import type { SalesEvents } from '../events';
import { orderFacts } from '../events';
import { fingerprint, type Answer, type Idempotency } from '../idempotency';
import { owns, type OrderOwner } from './close-unpaid';
import { nextOrderState } from './order.machine';
import { ordersRepo, toOrder, type OrderRecord } from './orders.repo';
import type { Queryable } from '../../platform/db/db.port';

/**
 * After payment: the shop ships (carrier and tracking number), the buyer confirms receipt, or asks
 * for a refund (a request the shop answers with a refund; the order's state does not change).
 */
export function createFulfilment(deps: { clock: Clock; idempotency: Idempotency; events: SalesEvents }) {
  const { clock } = deps;

  type Change = { record: OrderRecord; type: 'order.shipped' | 'order.completed' | 'order.refundRequested' };

  /** One change of an order by its owner, keyed by an Idempotency-Key, with its outbox event. */
  function step(route: string, owner: OrderOwner, scope: string, orderId: string, key: string, body: unknown, apply: (o: OrderRecord, now: Date, tx: Queryable) => Promise<Change>): Promise<Answer> {
    const batch = deps.events.batch();
    return deps.idempotency.run(scope, key, fingerprint({ route, orderId, body }), async (tx) => {
      const o = await ordersRepo.get(tx, orderId, true);
      if (!o || !owns(o, owner)) throw new AppError('SALES_ORDER_NOT_FOUND');
      const now = clock.now();
      const { record, type } = await apply(o, now, tx);
      await batch.emit(tx, record.shopId, record.id, { type, data: orderFacts(record) });
      return { status: 200, body: { order: toOrder(record, now) }, afterCommit: () => batch.publish() };
    });
  }

  return {
    ship: (shopId: string, scope: string, orderId: string, body: { carrier: string; trackingNumber: string }, key: string) =>
      step('ship', { shopId }, scope, orderId, key, body, async (o, now, tx) => {
        const to = nextOrderState(o.state, 'ship', o);
        if (!to) throw new AppError('SALES_ORDER_STATE', undefined, { state: o.state });
        // A gift goes where its friend says, once claimed; until then there is nowhere to ship it.
        if (o.address === null) throw new AppError('SALES_GIFT_NOT_CLAIMED');
        return { record: await ordersRepo.transition(tx, o.id, o.state, to, { shippedAt: now, ...body }, now), type: 'order.shipped' };
      }),

    confirmReceipt: (buyerId: string, orderId: string, key: string) =>
      step('receipt', { buyerId }, `u:${buyerId}`, orderId, key, null, async (o, now, tx) => {
        const to = nextOrderState(o.state, 'complete', o);
        if (!to) throw new AppError('SALES_ORDER_STATE', undefined, { state: o.state });
        return { record: await ordersRepo.transition(tx, o.id, o.state, to, { completedAt: now }, now), type: 'order.completed' };
      }),

    requestRefund: (buyerId: string, orderId: string, reason: string, key: string) =>
      step('refund-request', { buyerId }, `u:${buyerId}`, orderId, key, { reason }, async (o, now, tx) => {
        if (o.paidMinor - o.refundedMinor <= 0) throw new AppError('SALES_ORDER_STATE', 'Nothing paid is left to refund.', { state: o.state });
        return { record: (await ordersRepo.noteRefundRequest(tx, o.id, buyerId, reason, now))!, type: 'order.refundRequested' };
      }),
  };
}

export type Fulfilment = ReturnType<typeof createFulfilment>;
