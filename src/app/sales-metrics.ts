import { Counter, type Registry } from 'prom-client';
import type { StockGate, TakeResult } from '../platform/gate/gate.port';
import type { StoredSalesEvent } from '../contracts/sales-events.schemas';

/**
 * Sales as Prometheus metrics on the app's registry (docs/metrics.md, "Prometheus"): the flash-sale
 * gate's decisions, counted where the gate is called, and the orders this node committed, counted
 * from sales' own events after each commit — so the sum over nodes counts each order once.
 */

/** The stock gate with each decision counted by outcome; it decides exactly as the gate it wraps. */
export function meteredGate(gate: StockGate, registry: Registry): StockGate {
  const decisions = new Counter({
    name: 'hutong_sales_gate_decisions_total',
    help: 'Flash-sale attempts decided by the stock gate: admitted, sold_out, limit, not_open, closed, replayed (a key seen before), unknown (the gate did not hold the sale and loads it), error (the database decides alone)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const outcome = (r: TakeResult) =>
    r.kind === 'taken' ? 'admitted' : r.kind === 'refused' ? r.reason : r.kind === 'seen' ? 'replayed' : 'unknown';
  return {
    take: async (pool, request) => {
      try {
        const r = await gate.take(pool, request);
        decisions.inc({ outcome: outcome(r) });
        return r;
      } catch (err) {
        decisions.inc({ outcome: 'error' });
        throw err;
      }
    },
    release: (pool, r) => gate.release(pool, r),
    load: (pool, p, mode) => gate.load(pool, p, mode),
    count: (pool) => gate.count(pool),
    drop: (pool) => gate.drop(pool),
    close: () => gate.close(),
  };
}

/** A listener for sales' events (`sales.onEvent`: this node's commits) counting orders by what happened to them. */
export function orderMetrics(registry: Registry): (e: StoredSalesEvent) => void {
  const orders = new Counter({
    name: 'hutong_sales_orders_total',
    help: 'Orders committed on this node, by event (created, paid, cancelled, expired, refunded, shipped, completed, refundRequested) and kind (regular, flash, presale)',
    labelNames: ['event', 'kind'] as const,
    registers: [registry],
  });
  const payments = new Counter({
    name: 'hutong_sales_payments_failed_total',
    help: 'Payments the provider reported failed (the order stays unpaid; the buyer may pay again)',
    registers: [registry],
  });
  return (e) => {
    if (e.type.startsWith('order.') && 'kind' in e.data) orders.inc({ event: e.type.slice('order.'.length), kind: e.data.kind });
    else if (e.type === 'payment.failed') payments.inc();
  };
}
