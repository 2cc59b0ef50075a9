import type { Queryable } from '../platform/db/db.port';
import { keyset, type KeysetRow, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';

export interface CardRow {
  showId: string;
  title: string;
  coverUrl: string | null;
  state: 'scheduled' | 'live' | 'ended' | 'cancelled';
  scheduledAt: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  roomSlug: string;
  roomTitle: string;
  shopId: string;
}

export interface RoomCardRow {
  id: string;
  slug: string;
  title: string;
  live: boolean;
}

const columns = `s.id AS "showId", s.title, s.cover_url AS "coverUrl", s.state, s.scheduled_at AS "scheduledAt",
  s.started_at AS "startedAt", s.ended_at AS "endedAt", r.slug AS "roomSlug", r.title AS "roomTitle", r.shop_id AS "shopId"`;

/**
 * Public lists of shows across shops (or of `shopIds` only, when given), each paged by one time
 * column and the show's id. `where` may use `$2` (the time now).
 */
function cards(where: string, time: 's.started_at' | 's.scheduled_at' | 's.ended_at', descending: boolean) {
  return async (db: Queryable, shopIds: readonly string[] | null, query: PageQuery, now?: Date): Promise<Page<CardRow>> => {
    const ks = keyset(query, { key: time, keyType: 'timestamptz', id: 's.id', descending }, 3);
    const rows = await db.query<CardRow & KeysetRow>(
      `SELECT ${columns}, ${ks.keyColumns} FROM shows s JOIN rooms r ON r.id = s.room_id
       WHERE ${where} AND ($1::uuid[] IS NULL OR r.shop_id = ANY($1::uuid[])) ${ks.where} ${ks.orderLimit}`,
      [shopIds, now ?? null, ...ks.params],
    );
    return ks.page(rows);
  };
}

export const discoveryRepo = {
  /** Live now, the most recently started first. */
  live: cards(`s.state = 'live' AND $2::timestamptz IS NULL`, 's.started_at', true),
  /** Scheduled, soonest first; a show more than an hour late (it never went live) is left out. */
  upcoming: cards(`s.state = 'scheduled' AND s.scheduled_at > $2::timestamptz - interval '1 hour'`, 's.scheduled_at', false),
  /** Ended with a recording, the most recently ended first. */
  replays: cards(`s.state = 'ended' AND s.recording IS NOT NULL AND s.ended_at IS NOT NULL AND $2::timestamptz IS NULL`, 's.ended_at', true),

  /** One shop's rooms, oldest first, each with whether a show is live in it. */
  async rooms(db: Queryable, shopId: string, query: PageQuery): Promise<Page<RoomCardRow>> {
    const ks = keyset(query, { key: 'r.created_at', keyType: 'timestamptz', id: 'r.id' }, 2);
    const rows = await db.query<RoomCardRow & KeysetRow>(
      `SELECT r.id, r.slug, r.title, EXISTS (SELECT 1 FROM shows s WHERE s.room_id = r.id AND s.state = 'live') AS live, ${ks.keyColumns}
       FROM rooms r WHERE r.shop_id = $1 ${ks.where} ${ks.orderLimit}`,
      [shopId, ...ks.params],
    );
    return ks.page(rows);
  },
};
