import { Counter, Histogram, type Registry } from 'prom-client';
import type { DeliveryMetrics } from '../webhooks';

/** Webhook deliveries as Prometheus metrics on the app's registry (docs/webhooks.md, docs/metrics.md). */
export function webhookMetrics(registry: Registry): DeliveryMetrics {
  const registers = [registry];
  const attempts = new Counter({
    name: 'hutong_webhook_deliveries_total',
    help: 'Webhook delivery attempts made by this node, by outcome: ok (a 2xx), failed (any other answer or none: retried later), disabled (the attempt that gave up and disabled its endpoint)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const seconds = new Histogram({
    name: 'hutong_webhook_delivery_seconds',
    help: "Time a delivery attempt took, from sending to the receiver's answer (or the timeout), by outcome ok or failed",
    labelNames: ['outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  return {
    attempt(outcome, durationMs) {
      attempts.inc({ outcome });
      seconds.observe({ outcome: outcome === 'ok' ? 'ok' : 'failed' }, durationMs / 1000);
    },
  };
}
