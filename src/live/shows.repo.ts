import type { Queryable } from '../platform/db/db.port';
import { keyset, type KeysetRow, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { Show, ShowState } from '../contracts/media.schemas';

export interface ShowRow {
  id: string;
  roomId: string;
  title: string;
  coverUrl: string | null;
  scheduledAt: Date | null;
  state: ShowState;
  startedAt: Date | null;
  endedAt: Date | null;
  recordingStartedAt: Date | null;
  recording: string | null;
}

const columns = `id, room_id AS "roomId", title, cover_url AS "coverUrl", scheduled_at AS "scheduledAt", state,
  started_at AS "startedAt", ended_at AS "endedAt", recording_started_at AS "recordingStartedAt", recording`;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
export const toShow = (r: ShowRow): Show => ({
  id: r.id,
  roomId: r.roomId,
  title: r.title,
  coverUrl: r.coverUrl,
  scheduledAt: iso(r.scheduledAt),
  state: r.state,
  startedAt: iso(r.startedAt),
  endedAt: iso(r.endedAt),
  recordingStartedAt: iso(r.recordingStartedAt),
  hasReplay: r.state === 'ended' && r.recording !== null,
});

export const showsRepo = {
  async insert(
    db: Queryable,
    show: { id: string; roomId: string; title: string; coverUrl: string | null; scheduledAt: Date | null; state: ShowState; startedAt: Date | null },
  ): Promise<ShowRow> {
    const [row] = await db.query<ShowRow>(
      `INSERT INTO shows (id, room_id, title, cover_url, scheduled_at, state, started_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
      [show.id, show.roomId, show.title, show.coverUrl, show.scheduledAt, show.state, show.startedAt],
    );
    return row!;
  },

  async byId(db: Queryable, id: string): Promise<ShowRow | undefined> {
    const [row] = await db.query<ShowRow>(`SELECT ${columns} FROM shows WHERE id = $1`, [id]);
    return row;
  },

  /** Newest first. */
  async pageOfRoom(db: Queryable, roomId: string, query: PageQuery): Promise<Page<ShowRow>> {
    const ks = keyset(query, { key: 'created_at', keyType: 'timestamptz', descending: true }, 2);
    return ks.page(await db.query<ShowRow & KeysetRow>(`SELECT ${columns}, ${ks.keyColumns} FROM shows WHERE room_id = $1 ${ks.where} ${ks.orderLimit}`, [roomId, ...ks.params]));
  },

  async liveOfRoom(db: Queryable, roomId: string): Promise<ShowRow | undefined> {
    const [row] = await db.query<ShowRow>(`SELECT ${columns} FROM shows WHERE room_id = $1 AND state = 'live'`, [roomId]);
    return row;
  },

  allLive(db: Queryable): Promise<ShowRow[]> {
    return db.query<ShowRow>(`SELECT ${columns} FROM shows WHERE state = 'live' ORDER BY started_at LIMIT 10000`);
  },

  async nextScheduled(db: Queryable, roomId: string): Promise<ShowRow | undefined> {
    const [row] = await db.query<ShowRow>(
      `SELECT ${columns} FROM shows WHERE room_id = $1 AND state = 'scheduled' ORDER BY scheduled_at, created_at LIMIT 1`,
      [roomId],
    );
    return row;
  },

  async lastEnded(db: Queryable, roomId: string): Promise<ShowRow | undefined> {
    const [row] = await db.query<ShowRow>(
      `SELECT ${columns} FROM shows WHERE room_id = $1 AND state = 'ended' ORDER BY ended_at DESC NULLS LAST LIMIT 1`,
      [roomId],
    );
    return row;
  },

  async lastRecorded(db: Queryable, roomId: string): Promise<ShowRow | undefined> {
    const [row] = await db.query<ShowRow>(
      `SELECT ${columns} FROM shows WHERE room_id = $1 AND state = 'ended' AND recording IS NOT NULL ORDER BY ended_at DESC NULLS LAST LIMIT 1`,
      [roomId],
    );
    return row;
  },

  /** The guarded transition: changes the row only if it is still in `from` (a no-op otherwise). */
  async transition(db: Queryable, id: string, from: ShowState, to: ShowState, at: Date): Promise<ShowRow | undefined> {
    const [row] = await db.query<ShowRow>(
      `UPDATE shows SET state = $3,
         started_at = CASE WHEN $3 = 'live' THEN $4 ELSE started_at END,
         ended_at = CASE WHEN $3 = 'ended' THEN $4 ELSE ended_at END
       WHERE id = $1 AND state = $2 RETURNING ${columns}`,
      [id, from, to, at],
    );
    return row;
  },

  async setRecording(db: Queryable, id: string, startedAt: Date, recording: string): Promise<void> {
    // The first recording of a show wins: a reconnect within the grace period keeps its recording.
    await db.query(
      `UPDATE shows SET recording_started_at = $2, recording = $3 WHERE id = $1 AND recording IS NULL`,
      [id, startedAt, recording],
    );
  },
};
