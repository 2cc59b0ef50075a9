import type { Db, Queryable } from '../platform/db/db.port';
import { pruneOutbox, readOutbox, type OutboxPrune } from '../platform/db/outbox-cursor';

/** What a show's change tells partners: the ids to ask the API for more, and when. */
export interface ShowEventData {
  showId: string;
  roomId: string;
  roomSlug: string;
  title: string;
  startedAt: string | null;
  endedAt: string | null;
}

export type LiveEventType = 'show.started' | 'show.ended';

/** An event as the outbox gives it out: its place, its shop and when it happened. */
export interface LiveEvent {
  id: string;
  shopId: string;
  type: LiveEventType;
  at: string;
  data: ShowEventData;
}

/**
 * Live's outbox: a show that went live or ended is written here in the transaction that moved it
 * (`emit` takes that transaction), and read by others (webhooks) through `read` — committed rows
 * only, oldest first, with no gaps (outbox-cursor.ts).
 */
export const liveOutbox = {
  async emit(tx: Queryable, shopId: string, type: LiveEventType, data: ShowEventData, at: Date): Promise<void> {
    await tx.query(`INSERT INTO live_outbox (shop_id, type, subject_id, payload, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      shopId, type, data.showId, JSON.stringify(data), at,
    ]);
  },

  /** Deletes rows every reader has read, older than the retention (docs/config.md, outbox retention). */
  prune: (db: Db, options: Parameters<OutboxPrune>[0]) => pruneOutbox(db, 'live_outbox', options),

  async read(db: Db, options: { after?: string | undefined; limit: number }): Promise<{ events: LiveEvent[]; next: string | null }> {
    const { rows, next } = await readOutbox<LiveEventType, ShowEventData>(db, 'live_outbox', options);
    return { events: rows.map(({ id, shopId, type, at, data }) => ({ id, shopId, type, at, data })), next };
  },
};
