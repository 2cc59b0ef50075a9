import type { Db, Queryable } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { pruneOutbox, readOutbox, type OutboxPrune } from '../platform/db/outbox-cursor';

/** A committed gift event (`gift.claimed`, `gift.returned`) as readers get it. */
export interface GiftEvent {
  id: string;
  shopId: string;
  type: 'gift.claimed' | 'gift.returned';
  subjectId: string;
  at: string;
  data: unknown;
}

/**
 * The gifts outbox: an event is written in the transaction that changed the gift, so a claim and
 * its `gift.claimed` commit together; `read` gives committed events in (transaction id, id) order
 * below the oldest running transaction, so one that commits late with a smaller id is read after,
 * never skipped (as sales' outbox, src/sales/events.ts).
 */
export function createGiftsOutbox({ db, clock }: { db: Db; clock: Clock }) {
  const listeners = new Set<() => void>();
  return {
    async emit(tx: Queryable, shopId: string, subjectId: string, type: GiftEvent['type'], data: unknown): Promise<void> {
      await tx.query(`INSERT INTO gifts_outbox (shop_id, type, subject_id, payload, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        shopId, type, subjectId, JSON.stringify(data), clock.now(),
      ]);
    },

    /** Something was committed on this node: readers may look now rather than at their next poll. */
    committed(): void {
      for (const l of listeners) l();
    },

    onCommitted(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Deletes rows every reader has read, older than the retention (docs/config.md, outbox retention). */
    prune: ((options) => pruneOutbox(db, 'gifts_outbox', options)) as OutboxPrune,

    async read(options: { after?: string | undefined; limit: number }): Promise<{ events: GiftEvent[]; next: string | null }> {
      const { rows, next } = await readOutbox<GiftEvent['type'], unknown>(db, 'gifts_outbox', options);
      return { events: rows, next };
    },
  };
}

export type GiftsOutbox = ReturnType<typeof createGiftsOutbox>;
