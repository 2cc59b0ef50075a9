import type { Clock } from '../kernel/clock';
import { leastOutboxCursor, type OutboxPrune } from '../platform/db/outbox-cursor';

/** One outbox: its owner's prune, and where each of its readers stands (their cursors). */
export interface PrunedOutbox {
  name: string;
  prune: OutboxPrune;
  readers: (() => Promise<string | null>)[];
}

export interface OutboxPruningDeps {
  clock: Clock;
  outboxes: PrunedOutbox[];
  /** The webhooks' delivery log: finished deliveries and their messages, before a time. */
  pruneLog(before: Date, limit: number): Promise<number>;
  log: { info(o: object, m: string): void; error(o: object, m: string): void };
  options: {
    retentionMs: number;
    /** Rows per DELETE: each statement is short, and holds few locks. */
    batch: number;
    /** Statements per table and run, so a first run over a year of rows does not hog the database. */
    batchesPerRun: number;
    /** How often each node prunes (null: only when `run()` is called). */
    everyMs: number | null;
  };
}

/**
 * Keeps outboxes and the webhook delivery log from growing for ever (docs/config.md, outbox
 * retention). A row goes when it is older than the retention AND every reader of its outbox has read
 * it (at or before the least of their cursors): a reader that is behind — webhooks stalled, analytics
 * down — keeps what it has not read, whatever its age. Deleting read rows never breaks a cursor
 * (reads are "after the cursor"). Each node may run it: two deleting the same rows just find fewer.
 */
export function createOutboxPruning(deps: OutboxPruningDeps) {
  const { batch, batchesPerRun } = deps.options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function drain(step: () => Promise<number>): Promise<number> {
    let total = 0;
    for (let i = 0; i < batchesPerRun; i++) {
      const n = await step();
      total += n;
      if (n < batch) break;
    }
    return total;
  }

  /** One pass over every outbox and the delivery log; answers the rows deleted per table. */
  async function run(): Promise<Record<string, number>> {
    const before = new Date(deps.clock.now().getTime() - deps.options.retentionMs);
    const deleted: Record<string, number> = {};
    for (const o of deps.outboxes) {
      try {
        const readTo = leastOutboxCursor(await Promise.all(o.readers.map((r) => r())));
        deleted[o.name] = await drain(() => o.prune({ before, readTo, limit: batch }));
      } catch (err) {
        deps.log.error({ err, outbox: o.name }, 'pruning an outbox failed; the next run tries again');
      }
    }
    try {
      deleted.webhookLog = await drain(() => deps.pruneLog(before, batch));
    } catch (err) {
      deps.log.error({ err }, 'pruning the webhook delivery log failed; the next run tries again');
    }
    const sum = Object.values(deleted).reduce((a, b) => a + b, 0);
    if (sum > 0) deps.log.info({ deleted, before: before.toISOString() }, 'pruned outboxes');
    return deleted;
  }

  return {
    run,
    start(): void {
      if (deps.options.everyMs === null) return;
      timer = setInterval(() => {
        running ??= run().finally(() => (running = undefined));
      }, deps.options.everyMs);
      timer.unref();
    },
    async close(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}

export type OutboxPruning = ReturnType<typeof createOutboxPruning>;
