import type { Db, Queryable } from '../../platform/db/db.port';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/app-error';
import type { EventBatch, SalesEvents } from '../events';
import { orderFacts } from '../events';
import { fingerprint, type Answer, type Idempotency } from '../idempotency';
import type { CouponsForOrders } from '../coupons/coupons.service';
import { nextOrderState } from './order.machine';
import { ordersRepo, toOrder, type OrderRecord } from './orders.repo';
import { runLater, type Later, type Units } from './units';

export interface CloseUnpaidDeps {
  db: Db;
  clock: Clock;
  idempotency: Idempotency;
  events: SalesEvents;
  units: Units;
  coupons: CouponsForOrders;
  log: { error(o: object, m: string): void };
}

/** Who may touch an order: its buyer, or a member of its shop. */
export type OrderOwner = { buyerId: string } | { shopId: string };
export const owns = (o: OrderRecord, owner: OrderOwner): boolean => ('buyerId' in owner ? o.buyerId === owner.buyerId : o.shopId === owner.shopId);

/**
 * An unpaid order closes — cancelled by its buyer or shop, or expired by the sweeper — and gives
 * back what it held: its units (to the stock or its campaign) and its coupon, in the transaction
 * that moves its state.
 */
export function createCloseUnpaid(deps: CloseUnpaidDeps) {
  async function close(tx: Queryable, o: OrderRecord, event: 'cancel' | 'expire', batch: EventBatch): Promise<{ record: OrderRecord; later: Later[] }> {
    const now = deps.clock.now();
    const to = nextOrderState(o.state, event, o);
    if (!to) throw new AppError('SALES_ORDER_STATE', undefined, { state: o.state });
    const later = await deps.units.giveBack(tx, o);
    if (o.couponClaimId) await deps.coupons.release(tx, o.couponClaimId, o.id);
    const record = await ordersRepo.transition(tx, o.id, o.state, to, { closedAt: now }, now);
    await batch.emit(tx, record.shopId, record.id, { type: event === 'cancel' ? 'order.cancelled' : 'order.expired', data: orderFacts(record) });
    return { record, later };
  }

  return {
    close,

    /** Cancels an unpaid order for its buyer or its shop (`scope` keys the idempotency). */
    async cancel(owner: OrderOwner, scope: string, orderId: string, key: string): Promise<Answer> {
      const batch = deps.events.batch();
      return deps.idempotency.run(scope, key, fingerprint({ route: 'cancel', orderId }), async (tx) => {
        const o = await ordersRepo.get(tx, orderId, true);
        if (!o || !owns(o, owner)) throw new AppError('SALES_ORDER_NOT_FOUND');
        const { record, later } = await close(tx, o, 'cancel', batch);
        return {
          status: 200,
          body: { order: toOrder(record, deps.clock.now()) },
          afterCommit: async () => {
            batch.publish();
            await runLater(later, deps.log);
          },
        };
      });
    },

    /**
     * Expires unpaid orders past their deadline, a batch at a time. Rows are taken with SKIP LOCKED,
     * so nodes sweeping together never expire one order twice, and a payment holding the row lock
     * wins (the order is skipped and looked at again next sweep).
     */
    async expireOverdue(limit = 100): Promise<number> {
      const batch = deps.events.batch();
      const later: Later[] = [];
      const n = await deps.db.transaction(async (tx) => {
        const due = await ordersRepo.overdue(tx, deps.clock.now(), limit);
        for (const o of due) later.push(...(await close(tx, o, 'expire', batch)).later);
        return due.length;
      });
      batch.publish();
      await runLater(later, deps.log);
      return n;
    },
  };
}

export type CloseUnpaid = ReturnType<typeof createCloseUnpaid>;
