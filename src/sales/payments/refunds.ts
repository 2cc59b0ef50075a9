import type { Db, Queryable } from '../../platform/db/db.port';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/app-error';
import { newId } from '../../kernel/ids';
import type { EventBatch, SalesEvents } from '../events';
import { orderFacts } from '../events';
import { fingerprint, type Answer, type Idempotency } from '../idempotency';
import { holdsUnits, nextOrderState } from '../orders/order.machine';
import { ordersRepo, toOrder, type OrderRecord } from '../orders/orders.repo';
import { runLater, unitsOut, type Later, type LineUnits, type Units } from '../orders/units';
import type { PaymentProvider } from './payment.port';

interface RefundRow {
  id: string;
  paymentId: string;
  provider: string;
  providerRef: string | null;
  amountMinor: number;
  currency: string;
  reason: string;
}

export interface RefundsDeps {
  db: Db;
  clock: Clock;
  idempotency: Idempotency;
  events: SalesEvents;
  units: Units;
  providers: Map<string, PaymentProvider>;
  due: (at: Date) => void;
  log: { error(o: object, m: string): void; warn(o: object, m: string): void };
}

/**
 * Money going back. A refund is decided in the order's transaction (rows `pending`, the order's
 * state and refunded amount, units back to stock, the outbox event) and sent to the provider once
 * that has committed. A crash in between leaves `pending` rows that the sweeper sends again: the
 * provider call is idempotent by refund id, so nothing is paid back twice, and nothing promised is lost.
 */
export function createRefunds(deps: RefundsDeps) {
  const { db, clock } = deps;

  /** Spreads `amount` over the payment rows that still hold money, newest first; inserts the refunds. */
  async function plan(tx: Queryable, payments: { id: string; provider: string; providerRef: string | null; left: number; currency: string }[], o: Pick<OrderRecord, 'id' | 'shopId'>, amount: number, reason: string, now: Date): Promise<RefundRow[]> {
    const rows: RefundRow[] = [];
    let rest = amount;
    for (const p of payments) {
      if (rest === 0) break;
      const part = Math.min(rest, p.left);
      if (part <= 0) continue;
      rest -= part;
      const row = { id: newId(), paymentId: p.id, provider: p.provider, providerRef: p.providerRef, amountMinor: part, currency: p.currency, reason };
      await tx.query(
        `INSERT INTO refunds (id, shop_id, order_id, payment_id, amount_minor, currency, reason, state, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8)`,
        [row.id, o.shopId, o.id, p.id, part, p.currency, reason, now],
      );
      rows.push(row);
    }
    if (rest > 0) throw new Error(`refund of ${amount} on order ${o.id} exceeds what its payments hold`);
    return rows;
  }

  async function refundable(tx: Queryable, orderId: string) {
    return (
      await tx.query<{ id: string; provider: string; providerRef: string | null; left: string; currency: string }>(
        `SELECT id, provider, provider_ref AS "providerRef", (amount_minor - refunded_minor
           - COALESCE((SELECT sum(amount_minor) FROM refunds r WHERE r.payment_id = p.id AND r.state = 'pending'), 0)) AS left, currency
           FROM payments p WHERE order_id = $1 AND state IN ('succeeded', 'refunded') ORDER BY created_at DESC`,
        [orderId],
      )
    ).map((p) => ({ ...p, left: Number(p.left) }));
  }

  /** Sends planned refunds to their providers and records the outcome. */
  async function send(rows: RefundRow[]): Promise<void> {
    for (const r of rows) {
      const provider = deps.providers.get(r.provider);
      try {
        if (!provider) throw new Error(`no payment provider ${r.provider}`);
        const result = await provider.refund({ refundId: r.id, paymentId: r.paymentId, providerRef: r.providerRef, amountMinor: r.amountMinor, currency: r.currency, reason: r.reason });
        if (result.state === 'pending') continue;
        await db.transaction(async (tx) => {
          const [done] = await tx.query(`UPDATE refunds SET state = $2, provider_ref = $3 WHERE id = $1 AND state = 'pending' RETURNING 1`, [r.id, result.state, result.providerRef]);
          if (done && result.state === 'succeeded') {
            await tx.query(
              `UPDATE payments SET refunded_minor = refunded_minor + $2, state = CASE WHEN refunded_minor + $2 >= amount_minor THEN 'refunded' ELSE state END WHERE id = $1`,
              [r.paymentId, r.amountMinor],
            );
          }
        });
        if (result.state === 'failed') deps.log.error({ refundId: r.id, paymentId: r.paymentId }, 'the provider refused a refund: it needs a person');
      } catch (err) {
        deps.log.warn({ err, refundId: r.id }, 'sending a refund failed; the sweeper tries again');
        deps.due(new Date(clock.now().getTime() + 60_000));
      }
    }
  }

  /**
   * Refunds `amount` of the order (all that is left when undefined) in the caller's transaction:
   * the whole of it closes the order as refunded and gives its units back; a part leaves it
   * partially_refunded. Answers the new order and the work to do after commit.
   */
  async function refundInTx(tx: Queryable, o: OrderRecord, amount: number | undefined, reason: string, batch: EventBatch, units: readonly LineUnits[] = []): Promise<{ record: OrderRecord; later: Later[] }> {
    const now = clock.now();
    const left = o.paidMinor - o.refundedMinor;
    const value = amount ?? left;
    if (value <= 0 || value > left) throw new AppError('SALES_REFUND_TOO_LARGE', undefined, { refundableMinor: left });
    const whole = value === left;
    const to = nextOrderState(o.state, whole ? 'refund' : 'refundPart', o);
    if (!to) throw new AppError('SALES_ORDER_STATE', undefined, { state: o.state });
    const back = whole ? [] : unitsBack(o, units);
    const rows = await plan(tx, await refundable(tx, o.id), o, value, reason, now);
    // A whole refund gives back every unit still out; a part, the units it names (none by default:
    // money back for goods the buyer keeps), recorded per line so none comes back twice.
    let later: Later[] = [];
    if (whole && holdsUnits(o.state)) later = await deps.units.giveBack(tx, o);
    else if (back.length > 0) {
      later = await deps.units.giveBack(tx, o, back);
      const returned = o.lines.map((_, i) => (o.returnedUnits[i] ?? 0) + (back.find((u) => u.line === i)?.quantity ?? 0));
      await ordersRepo.setReturnedUnits(tx, o.id, returned);
    }
    const record = await ordersRepo.transition(tx, o.id, o.state, to, { refundedMinor: o.refundedMinor + value, ...(whole ? { closedAt: now } : {}) }, now);
    await batch.emit(tx, record.shopId, record.id, { type: 'order.refunded', data: orderFacts(record) });
    return { record, later: [...later, () => send(rows)] };
  }

  /** The units a partial refund names, summed per line, checked against what is still out. */
  function unitsBack(o: OrderRecord, units: readonly LineUnits[]): LineUnits[] {
    if (units.length === 0) return [];
    if (!holdsUnits(o.state)) throw new AppError('SALES_REFUND_UNITS_INVALID', undefined, { out: [] });
    const out = unitsOut(o);
    const asked = new Map<number, number>();
    for (const u of units) asked.set(u.line, (asked.get(u.line) ?? 0) + u.quantity);
    for (const [line, quantity] of asked) {
      if (quantity > (out.find((u) => u.line === line)?.quantity ?? 0)) throw new AppError('SALES_REFUND_UNITS_INVALID', undefined, { out });
    }
    return [...asked].map(([line, quantity]) => ({ line, quantity }));
  }

  return {
    refundInTx,
    plan,

    /** A merchant refunds an order (all, or a part), keyed by an Idempotency-Key. */
    async refund(shopId: string, scope: string, orderId: string, body: { amountMinor?: number | undefined; reason: string; units?: LineUnits[] | undefined }, key: string): Promise<Answer> {
      const batch = deps.events.batch();
      return deps.idempotency.run(scope, key, fingerprint({ route: 'refund', orderId, body }), async (tx) => {
        const o = await ordersRepo.get(tx, orderId, true);
        if (!o || o.shopId !== shopId) throw new AppError('SALES_ORDER_NOT_FOUND');
        const { record, later } = await refundInTx(tx, o, body.amountMinor, body.reason, batch, body.units);
        return {
          status: 200,
          body: { order: toOrder(record, clock.now()) },
          afterCommit: async () => {
            batch.publish();
            await runLater(later, deps.log);
          },
        };
      });
    },

    send,

    /** Refunds still pending (a crash between commit and the provider, or a provider that answers later). */
    async retryPending(olderThanMs = 60_000): Promise<number> {
      const rows = await db.query<RefundRow & { amountMinor: string }>(
        `SELECT r.id, r.payment_id AS "paymentId", p.provider, p.provider_ref AS "providerRef", r.amount_minor AS "amountMinor", r.currency, r.reason
           FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.state = 'pending' AND r.created_at < $1 LIMIT 100`,
        [new Date(clock.now().getTime() - olderThanMs)],
      );
      await send(rows.map((r) => ({ ...r, amountMinor: Number(r.amountMinor) })));
      return rows.length;
    },
  };
}

export type Refunds = ReturnType<typeof createRefunds>;
