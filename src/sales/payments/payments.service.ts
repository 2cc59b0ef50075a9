import type { Db } from '../../platform/db/db.port';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/app-error';
import { newId } from '../../kernel/ids';
import type { PaymentPurpose } from '../../contracts/sales-orders.schemas';
import type { SalesEvents } from '../events';
import { orderFacts } from '../events';
import { errorAnswer, fingerprint, type Answer, type Idempotency } from '../idempotency';
import { nextOrderState, type OrderEvent } from '../orders/order.machine';
import { dueOf, ordersRepo } from '../orders/orders.repo';
import { runLater, type Later } from '../orders/units';
import type { PaymentProvider } from './payment.port';
import { paymentsRepo, toPayment, type PaymentRecord } from './payments.repo';
import type { Refunds } from './refunds';

const paidBy: Record<PaymentPurpose, OrderEvent> = { full: 'pay', deposit: 'payDeposit', balance: 'payBalance' };

export interface PaymentsDeps {
  db: Db;
  clock: Clock;
  idempotency: Idempotency;
  events: SalesEvents;
  refunds: Refunds;
  providers: Map<string, PaymentProvider>;
  publicUrl: string;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
}

/**
 * Payments: a buyer starts one for what the order owes now (whole, deposit or balance), pays on the
 * provider's page, and the provider's callback settles it. The callback is trusted only once its
 * adapter verified it and it matches hutong's own payment (order, amount, currency); each event id
 * is applied once; an order is paid once per purpose (a unique index), and money that arrives for an
 * order that no longer wants it (expired, cancelled, paid twice) is refunded, never kept or lost.
 */
export function createPayments(deps: PaymentsDeps) {
  const { db, clock } = deps;
  const provider = (name: string): PaymentProvider => {
    const p = deps.providers.get(name);
    if (!p) throw new AppError('SALES_PAYMENT_NOT_FOUND');
    return p;
  };

  return {
    async start(buyerId: string, orderId: string, providerName: string, key: string): Promise<Answer> {
      provider(providerName);
      return deps.idempotency.run(`u:${buyerId}`, key, fingerprint({ route: 'pay', orderId, providerName }), async (tx) => {
        const o = await ordersRepo.get(tx, orderId, true);
        if (!o || o.buyerId !== buyerId) throw new AppError('SALES_ORDER_NOT_FOUND');
        const due = dueOf(o, clock.now());
        if (!due) throw new AppError('SALES_NOTHING_DUE', undefined, { state: o.state });
        const payment = await paymentsRepo.insert(tx, {
          id: newId(), shopId: o.shopId, orderId, buyerId, purpose: due.purpose, provider: providerName,
          amountMinor: due.amountMinor, currency: o.currency, createdAt: clock.now(),
        });
        return { status: 201, body: { payment: toPayment(payment, deps.publicUrl) } };
      });
    },

    async ofOrder(buyerId: string, orderId: string) {
      const o = await ordersRepo.get(db, orderId);
      if (!o || o.buyerId !== buyerId) throw new AppError('SALES_ORDER_NOT_FOUND');
      return (await paymentsRepo.ofOrder(db, orderId)).map((p) => toPayment(p, deps.publicUrl));
    },

    /** The provider's page for a payment still pending (the buyer's pay link redirects there). */
    async checkoutUrl(paymentId: string): Promise<string> {
      const p = await paymentsRepo.get(db, paymentId);
      if (!p) throw new AppError('SALES_PAYMENT_NOT_FOUND');
      if (p.state !== 'pending') throw new AppError('SALES_PAYMENT_SETTLED');
      const o = (await ordersRepo.get(db, p.orderId))!;
      const title = o.lines.map((l) => l.title).join(', ');
      return provider(p.provider).checkoutUrl({
        paymentId: p.id, amountMinor: p.amountMinor, currency: p.currency, description: title.slice(0, 120), returnUrl: `${deps.publicUrl}/orders/${o.id}`,
      });
    },

    /** A payment as a provider's hosted page shows it. */
    async forCheckout(paymentId: string): Promise<(PaymentRecord & { description: string }) | undefined> {
      const p = await paymentsRepo.get(db, paymentId);
      if (!p) return undefined;
      const o = (await ordersRepo.get(db, p.orderId))!;
      return { ...p, description: o.lines.map((l) => `${l.title}${l.skuLabel ? ` (${l.skuLabel})` : ''} × ${l.quantity}`).join(', ') };
    },

    /**
     * A provider's callback, with its raw body. Answers what the provider must hear: its
     * acknowledgement once applied (or seen before), a coded 400 when refused — logged either way.
     */
    async callback(providerName: string, headers: Record<string, string | string[] | undefined>, rawBody: string, from: string): Promise<Answer & { contentType?: string; raw?: string }> {
      const p = deps.providers.get(providerName);
      if (!p) return errorAnswer(new AppError('SALES_PAYMENT_CALLBACK_INVALID'));
      const verified = p.verify({ headers, rawBody }, clock.now());
      if (!verified.ok) {
        deps.log.warn({ provider: providerName, reason: verified.reason, from }, 'payment callback refused');
        return errorAnswer(new AppError(verified.reason === 'stale' ? 'SALES_PAYMENT_CALLBACK_STALE' : 'SALES_PAYMENT_CALLBACK_INVALID'));
      }
      const n = verified.notice;
      const ack = p.acknowledgement();
      const batch = deps.events.batch();
      const later: Later[] = [];
      const outcome = await db.transaction(async (tx): Promise<'applied' | 'duplicate' | 'mismatch' | 'refunded'> => {
        const now = clock.now();
        const payment = await paymentsRepo.get(tx, n.paymentId, true);
        if (!payment || payment.provider !== providerName || payment.amountMinor !== n.amountMinor || payment.currency !== n.currency) return 'mismatch';
        if (!(await paymentsRepo.noteCallback(tx, providerName, n.eventId, payment.id, n.outcome, now))) return 'duplicate';
        if (payment.state !== 'pending') return 'duplicate';
        if (n.outcome === 'failed') {
          await paymentsRepo.settle(tx, payment.id, 'failed', n.providerRef, now);
          await batch.emit(tx, payment.shopId, payment.id, {
            type: 'payment.failed', data: { paymentId: payment.id, orderId: payment.orderId, purpose: payment.purpose, amountMinor: payment.amountMinor, currency: payment.currency },
          });
          return 'applied';
        }
        const o = (await ordersRepo.get(tx, payment.orderId, true))!;
        const due = dueOf(o, now);
        const to = nextOrderState(o.state, paidBy[payment.purpose], o);
        const wanted = to !== null && due?.purpose === payment.purpose && due.amountMinor === payment.amountMinor
          && !(await paymentsRepo.succeededFor(tx, o.id, payment.purpose));
        if (!wanted) {
          // Money for an order that no longer wants it (expired, cancelled, paid by another payment): it goes back.
          await paymentsRepo.settle(tx, payment.id, 'refunded', n.providerRef, now);
          const rows = await deps.refunds.plan(
            tx, [{ id: payment.id, provider: payment.provider, providerRef: n.providerRef, left: payment.amountMinor, currency: payment.currency }],
            o, payment.amountMinor, 'not needed: the order was closed or already paid', now,
          );
          later.push(() => deps.refunds.send(rows));
          return 'refunded';
        }
        await paymentsRepo.settle(tx, payment.id, 'succeeded', n.providerRef, now);
        const record = await ordersRepo.transition(tx, o.id, o.state, to!, { paidMinor: o.paidMinor + payment.amountMinor, paidAt: now }, now);
        const type = payment.purpose === 'deposit' ? 'presale.depositPaid' : 'order.paid';
        await batch.emit(tx, record.shopId, record.id, { type, data: orderFacts(record) });
        return 'applied';
      });
      if (outcome === 'mismatch') {
        deps.log.error({ provider: providerName, paymentId: n.paymentId, eventId: n.eventId, from }, 'payment callback does not match the payment (order, amount or currency): refused');
        return errorAnswer(new AppError('SALES_PAYMENT_CALLBACK_MISMATCH'));
      }
      if (outcome === 'duplicate') deps.log.info({ provider: providerName, eventId: n.eventId, paymentId: n.paymentId }, 'payment callback seen before: acknowledged, applied once');
      if (outcome === 'refunded') deps.log.warn({ provider: providerName, paymentId: n.paymentId }, 'payment arrived for an order that no longer needed it: refunded');
      batch.publish();
      await runLater(later, deps.log);
      return { status: ack.status, body: null, contentType: ack.contentType, raw: ack.body };
    },
  };
}

export type Payments = ReturnType<typeof createPayments>;
