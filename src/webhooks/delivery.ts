import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { retryDelayMs } from './backoff';
import { deliveriesRepo, type DueDelivery } from './deliveries.repo';
import { endpointsRepo } from './endpoints.repo';
import { postWebhook } from './send';
import { signedHeaders } from './signing';

export interface DeliveryOptions {
  timeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  allowPrivate: boolean;
  /** Endpoints this node delivers to at once. */
  parallel: number;
}

interface Log {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
  error(o: object, m: string): void;
}

type Leased = { id: string; url: string; secret: string; previousSecret: string | null; previousSecretUntil: Date | null };

/** What a node reports of its attempts (Prometheus, wired by the composition root). */
export interface DeliveryMetrics {
  /** One attempt: `ok` (2xx), `failed` (retried later), or `disabled` (it failed for the last time and disabled its endpoint). */
  attempt(outcome: 'ok' | 'failed' | 'disabled', durationMs: number): void;
}

/**
 * Delivers each endpoint's queue in order, one delivery at a time: the oldest pending delivery is
 * tried until it succeeds (any 2xx), fails for good, or is not yet due — later ones wait behind it,
 * so a receiver that was down gets every event, in order, once it is back. An endpoint is leased
 * while a node works on it (renewed before each attempt), so nodes never send to it concurrently.
 * After `maxAttempts` failed attempts of one delivery, or a 410 Gone, the endpoint is disabled; its
 * queue waits until it is enabled again.
 */
export function createDelivery({ db, clock, options, log, metrics }: { db: Db; clock: Clock; options: DeliveryOptions; log: Log; metrics?: DeliveryMetrics }) {
  const leaseMs = options.timeoutMs + 10_000;
  const inFlight = new Map<string, Promise<void>>();

  async function attempt(endpoint: Leased, d: DueDelivery): Promise<boolean> {
    const at = clock.now();
    // After a rotation, the previous secret signs too until its time is up (signing.ts).
    const previous = endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > at ? [endpoint.previousSecret] : [];
    const headers = signedHeaders([endpoint.secret, ...previous], d.messageId, at, d.body);
    const result = await postWebhook(endpoint.url, headers, d.body, options);
    const number = d.attempts + 1;
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const gone = result.status === 410;
    const exhausted = !ok && (gone || number >= options.maxAttempts);
    const nextAttemptAt = ok || exhausted ? null : new Date(clock.now().getTime() + retryDelayMs(number, options.retryBaseMs, Math.random, result.retryAfterMs));
    await db.transaction(async (tx) => {
      await deliveriesRepo.recordAttempt(
        tx,
        d.id,
        {
          attempt: number, at, requestHeaders: headers, requestBody: d.body,
          responseStatus: result.status, responseBody: result.body, error: result.error, durationMs: result.durationMs,
        },
        { state: ok ? 'succeeded' : exhausted ? 'failed' : 'pending', nextAttemptAt },
      );
      if (exhausted) {
        const reason = gone ? 'the endpoint answered 410 Gone' : `a delivery failed ${number} times in a row`;
        await endpointsRepo.disable(tx, endpoint.id, reason);
        log.warn({ endpointId: endpoint.id, deliveryId: d.id, reason }, 'webhook endpoint disabled');
      }
    });
    metrics?.attempt(ok ? 'ok' : exhausted ? 'disabled' : 'failed', result.durationMs);
    return ok;
  }

  async function drain(endpoint: Leased): Promise<void> {
    try {
      for (;;) {
        const d = await deliveriesRepo.head(db, endpoint.id);
        if (!d || (d.nextAttemptAt && d.nextAttemptAt > clock.now())) return;
        await deliveriesRepo.renew(db, endpoint.id, new Date(clock.now().getTime() + leaseMs));
        if (!(await attempt(endpoint, d))) return;
      }
    } finally {
      await deliveriesRepo.release(db, endpoint.id);
    }
  }

  return {
    /** Starts on every endpoint with a due delivery that no node holds, up to `parallel` at once. */
    async deliver(onDone: () => void): Promise<void> {
      const room = options.parallel - inFlight.size;
      if (room <= 0) return;
      const now = clock.now();
      for (const endpoint of await deliveriesRepo.lease(db, now, new Date(now.getTime() + leaseMs), room)) {
        const run = drain(endpoint)
          .catch((err) => log.error({ err, endpointId: endpoint.id }, 'webhook delivery failed'))
          .finally(() => {
            inFlight.delete(endpoint.id);
            onDone();
          });
        inFlight.set(endpoint.id, run);
      }
    },
    /** Waits for the deliveries under way (each ends within its timeout). */
    async settle(): Promise<void> {
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
