import { createHash } from 'node:crypto';
import type { Db } from '../platform/db/db.port';
import type { IngestStatus } from '../contracts/media.schemas';
import type { GraceTimers } from './media.service';

/**
 * External ingest's publish state, in the database (`media_publishes`): nginx-rtmp or SRS may
 * call on_publish on one node and on_publish_done on another (any node behind the load
 * balancer), so what is publishing where cannot live in one node's memory.
 *
 * - `accepted`: the room's stream is publishing (one row per room, the show it feeds, the
 *   stream name's hash).
 * - `done`: the row turns `reconnecting` and this node waits the grace period; if the row is
 *   still that same version then (no publish came back, on any node), it is deleted — by exactly
 *   one node, the DELETE decides — and the show ends everywhere through `endShow`.
 * - `sweep`: at start-up, rows left reconnecting longer than the grace period (the node that
 *   waited died) are ended the same way.
 * - `status`: the state every node answers for the room's ingest.
 */
export interface ExternalPublishesDeps {
  db: Db;
  graceMs: number;
  timers: GraceTimers;
  /** Ends the show everywhere: live's state, and the node that pulls its stream (the cut-off order). */
  endShow: (roomId: string, showId: string) => Promise<void>;
  log: { warn(obj: object, msg: string): void };
}

const hashOf = (name: string) => createHash('sha256').update(name).digest('hex');

export function createExternalPublishes({ db, graceMs, timers, endShow, log }: ExternalPublishesDeps) {
  async function endIfStill(roomId: string, changedAt: string): Promise<void> {
    const [gone] = await db.query<{ showId: string }>(
      `DELETE FROM media_publishes WHERE room_id = $1 AND state = 'reconnecting' AND changed_at = $2::timestamptz RETURNING show_id AS "showId"`,
      [roomId, changedAt],
    );
    if (gone) await endShow(roomId, gone.showId);
  }

  return {
    async accepted(roomId: string, showId: string, streamName: string): Promise<void> {
      await db.query(
        `INSERT INTO media_publishes (room_id, show_id, stream_hash, state, changed_at) VALUES ($1, $2, $3, 'publishing', clock_timestamp())
         ON CONFLICT (room_id) DO UPDATE SET show_id = EXCLUDED.show_id, stream_hash = EXCLUDED.stream_hash, state = 'publishing', changed_at = EXCLUDED.changed_at`,
        [roomId, showId, hashOf(streamName)],
      );
    },

    /** The stream named `streamName` stopped: its room, or null when no publish of it is known. */
    async done(streamName: string): Promise<string | null> {
      const [row] = await db.query<{ roomId: string; changedAt: string }>(
        `UPDATE media_publishes SET state = 'reconnecting', changed_at = clock_timestamp()
         WHERE stream_hash = $1 AND state = 'publishing' RETURNING room_id AS "roomId", changed_at::text AS "changedAt"`,
        [hashOf(streamName)],
      );
      if (!row) return null;
      timers.start(
        () => void endIfStill(row.roomId, row.changedAt).catch((err: unknown) => log.warn({ err, roomId: row.roomId }, 'ending a show after its stream stopped failed')),
        graceMs,
      );
      return row.roomId;
    },

    /** Ends what a node that died left waiting (call at start-up). */
    async sweep(): Promise<void> {
      const rows = await db.query<{ roomId: string; changedAt: string }>(
        `SELECT room_id AS "roomId", changed_at::text AS "changedAt" FROM media_publishes
         WHERE state = 'reconnecting' AND changed_at < clock_timestamp() - make_interval(secs => $1::double precision / 1000)`,
        [graceMs],
      );
      for (const row of rows) await endIfStill(row.roomId, row.changedAt);
    },

    /** A show ended another way (the host, a shutdown): its row goes. */
    async forget(roomId: string, showId: string): Promise<void> {
      await db.query(`DELETE FROM media_publishes WHERE room_id = $1 AND show_id = $2`, [roomId, showId]);
    },

    /** The room's ingest as every node sees it; the figures come from the node that pulls it, if this is the one. */
    async status(roomId: string, here: IngestStatus): Promise<IngestStatus> {
      const [row] = await db.query<{ state: 'publishing' | 'reconnecting' }>(`SELECT state FROM media_publishes WHERE room_id = $1`, [roomId]);
      if (!row) return { state: 'offline', bitrateKbps: null, fps: null, width: null, height: null };
      return { ...here, state: row.state };
    },
  };
}

export type ExternalPublishes = ReturnType<typeof createExternalPublishes>;
