import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import type { CampaignClock } from './campaigns/campaign-clock';
import type { Idempotency } from './idempotency';
import type { CloseUnpaid } from './orders/close-unpaid';
import type { Refunds } from './payments/refunds';

/** Longest sleep: a timer's delay must fit in 32 bits, and waking daily costs nothing. */
const MAX_SLEEP_MS = 86_400_000;
/** After a failed sweep, try again this soon. */
const RETRY_MS = 1_000;

/** The next moment anything of sales falls due: an unpaid order's deadline, a campaign's next moment, a refund to resend, a key to forget. */
async function nextDue(db: Db): Promise<number | null> {
  const [row] = await db.query<{ due: Date | null }>(
    `SELECT least(
       (SELECT min(expires_at) FROM orders WHERE state = 'pending_payment'),
       (SELECT min(CASE state WHEN 'scheduled' THEN starts_at WHEN 'live' THEN ends_at WHEN 'deposit' THEN ends_at
                              WHEN 'waiting' THEN balance_starts_at WHEN 'balance' THEN balance_ends_at END)
          FROM sale_campaigns WHERE state IN ('scheduled', 'live', 'deposit', 'waiting', 'balance')),
       (SELECT min(created_at) + interval '1 minute' FROM refunds WHERE state = 'pending'),
       (SELECT min(created_at) + interval '24 hours' FROM sales_idempotency)
     ) AS due`,
  );
  return row?.due ? row.due.getTime() : null;
}

/**
 * The time-driven work of sales: campaigns opening and closing, unpaid orders expiring, refunds not
 * yet sent, idempotency keys past their retention. It sleeps until the next moment something falls
 * due (asked of the database after each sweep, and told by this node's own writes through `expect`),
 * so an idle shop costs no query. With several nodes (`pollMs`), each also looks every `pollMs` for
 * what the others scheduled; every step takes its rows with SKIP LOCKED, so no work is done twice.
 */
export function createSweeper(deps: {
  db: Db;
  clock: Clock;
  lifecycle: CampaignClock;
  closeUnpaid: CloseUnpaid;
  refunds: Refunds;
  idempotency: Idempotency;
  /** null: this process is the only writer (PGlite), its own writes tell it everything. */
  pollMs: number | null;
  log: { error(o: object, m: string): void };
}) {
  const { clock } = deps;
  let timer: NodeJS.Timeout | undefined;
  let wakeAt = Infinity;
  let running: Promise<void> | undefined;
  let started = false;

  async function sweep(): Promise<void> {
    await deps.lifecycle.advance();
    while ((await deps.closeUnpaid.expireOverdue(100)) === 100);
    await deps.refunds.retryPending();
    await deps.idempotency.prune();
  }

  function wakeUpAt(at: number): void {
    if (!started || (timer && at >= wakeAt)) return;
    clearTimeout(timer);
    wakeAt = at;
    timer = setTimeout(wake, Math.min(Math.max(at - clock.now().getTime(), 0), MAX_SLEEP_MS));
    timer.unref();
  }

  function wake(): void {
    timer = undefined;
    wakeAt = Infinity;
    if (running) return void running.then(() => wakeUpAt(clock.now().getTime()));
    running = (async () => {
      await sweep();
      const due = await nextDue(deps.db);
      const poll = deps.pollMs === null ? Infinity : clock.now().getTime() + deps.pollMs;
      wakeUpAt(Math.min(due ?? Infinity, poll));
    })()
      .catch((err) => {
        deps.log.error({ err }, 'the sales sweep failed; it runs again in a second');
        wakeUpAt(clock.now().getTime() + RETRY_MS);
      })
      .finally(() => (running = undefined));
  }

  return {
    /** One sweep now (tests that move an injected clock call this). */
    sweep,
    /** Something of this node's falls due at `at` (ms since the epoch): an order's deadline, a campaign's moment. */
    expect: (at: number): void => wakeUpAt(at),
    start(): void {
      started = true;
      wake();
    },
    async stop(): Promise<void> {
      started = false;
      clearTimeout(timer);
      await running;
    },
  };
}

export type Sweeper = ReturnType<typeof createSweeper>;
