/**
 * Webhooks: a shop's endpoints subscribed to events, which are read from each owner's outbox
 * through the owner's published read function (sources), signed with the Standard Webhooks scheme,
 * and delivered in order per endpoint with retries, a log, test events and redeliveries
 * (docs/webhooks.md). Owns the `webhook_*` tables; names no other context's.
 */
import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { createDelivery, type DeliveryMetrics, type DeliveryOptions } from './delivery';
import { createEndpoints } from './endpoints.service';
import { createIngest, type WebhookSource } from './ingest';
import { deliveriesRepo } from './deliveries.repo';

export type { WebhookSource, SourceEvent } from './ingest';
export type { DeliveryMetrics } from './delivery';
export { webhooksRoutes } from './webhooks.routes';

export interface WebhooksDeps {
  db: Db;
  clock: Clock;
  sources: readonly WebhookSource[];
  log: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
  /** Attempts counted for /metrics (none in tests that do not look). */
  metrics?: DeliveryMetrics;
  options: DeliveryOptions & {
    /** How often each node looks at the outboxes and the queues without being woken. */
    pollMs: number;
    /**
     * The only node (PGlite): leases left by a process that died are its own, and are let go at
     * start; and every outbox write is this node's own and wakes it, so it never polls — it looks
     * when woken and when the next retry is due (an idle server runs no webhook query at all).
     */
    soleNode: boolean;
  };
}

export function createWebhooks({ db, clock, sources, log, metrics, options }: WebhooksDeps) {
  const ingest = createIngest({ db, clock, sources });
  const delivery = createDelivery({ db, clock, options, log, metrics });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  /** One round: new events in, due deliveries out. Rounds never overlap; a wake during one runs another. */
  function tick(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        await ingest.ingest();
        await delivery.deliver(wake);
        if (options.soleNode) await retryAtNextDue();
      } catch (err) {
        log.error({ err }, 'a webhook round failed');
      }
    })().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        wake();
      }
    });
  }

  // One wake-up per turn of the event loop however many ask: a flash sale's batch of orders
  // publishes an event each, and PGlite can finish a whole round between two setImmediate callbacks,
  // so without this each event would cost a round of its own.
  let waking = false;
  function wake(): void {
    if (closed || waking) return;
    waking = true;
    setImmediate(() => {
      waking = false;
      tick();
    });
  }

  /** A sole node's only timer: the next retry. One due already (its endpoint busy) is looked at again after `pollMs`. */
  async function retryAtNextDue(): Promise<void> {
    const due = await deliveriesRepo.nextDue(db);
    clearTimeout(timer);
    if (!due || closed) return;
    const wait = due.getTime() - clock.now().getTime();
    timer = setTimeout(tick, Math.min(wait > 0 ? wait : options.pollMs, 2 ** 31 - 1));
    timer.unref();
  }

  const endpoints = createEndpoints({ db, clock, queued: wake });

  return {
    endpoints,
    /** Something was committed to an outbox on this node, or queued here: look now, not at the next poll. */
    wake,
    /** One round, awaited (tests). */
    async round(): Promise<void> {
      tick();
      await running;
    },
    async start(): Promise<void> {
      if (options.soleNode) await db.query(`UPDATE webhook_endpoints SET lease_until = NULL WHERE lease_until IS NOT NULL`);
      else {
        timer = setInterval(tick, options.pollMs);
        timer.unref();
      }
      wake();
    },
    async close(): Promise<void> {
      closed = true;
      clearInterval(timer);
      clearTimeout(timer);
      await running;
      await delivery.settle();
    },
  };
}

export type Webhooks = ReturnType<typeof createWebhooks>;
