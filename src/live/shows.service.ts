import type { Db, Queryable } from '../platform/db/db.port';
import { mapPage, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import { isUniqueViolation } from '../platform/db/db.errors';
import { AppError } from '../kernel/app-error';
import type { Clock } from '../kernel/clock';
import { newId } from '../kernel/ids';
import type { Show, ShowState } from '../contracts/media.schemas';
import type { RoomEvent } from '../contracts/room-events.schemas';
import { nextShowState } from './shows.machine';
import { showsRepo, toShow, type ShowRow } from './shows.repo';
import { liveOutbox } from './outbox';
import type { OutboxPrune } from '../platform/db/outbox-cursor';
import type { RoomRecord, Rooms } from './rooms.service';

export interface ShowsDeps {
  db: Db;
  clock: Clock;
  rooms: Pick<Rooms, 'byId' | 'ofShop'>;
  /** Announces a state change to the room (the composition root passes the room event channel). */
  announce: (roomId: string, event: RoomEvent) => Promise<void>;
}

/** A show together with the room it belongs to, as the ingest needs it. */
export interface LiveShow {
  show: Show;
  room: RoomRecord;
  /** Where the recording lives (a directory name), if one was started. */
  recording: string | null;
}

/** A time picked to the minute ("now") is a little in the past by the time it arrives. */
const SCHEDULE_GRACE_MS = 60_000;

/**
 * Shows of a room: scheduled → live → ended, or scheduled → cancelled (see shows.machine.ts). Every state change is a
 * guarded UPDATE (`WHERE state = from`), so concurrent or repeated calls change a show once;
 * the partial unique index `shows_one_live_per_room` keeps one live show per room.
 */
export function createShows({ db, clock, rooms, announce }: ShowsDeps) {
  const endedByHost = new Set<(roomId: string, showId: string) => void | Promise<void>>();

  async function announceState(row: ShowRow): Promise<void> {
    await announce(row.roomId, { type: 'show.state', showId: row.id, state: row.state });
  }

  /** A show that went live or ended, into live's outbox in the transaction `tx` that moved it (a crash loses neither or both). */
  async function recordInOutbox(tx: Queryable, room: RoomRecord, row: ShowRow): Promise<void> {
    if (row.state !== 'live' && row.state !== 'ended') return;
    const data = {
      showId: row.id, roomId: room.id, roomSlug: room.slug, title: row.title,
      startedAt: row.startedAt?.toISOString() ?? null, endedAt: row.endedAt?.toISOString() ?? null,
    };
    await liveOutbox.emit(tx, room.shopId, row.state === 'live' ? 'show.started' : 'show.ended', data, clock.now());
  }

  async function move(row: ShowRow, event: 'goLive' | 'end' | 'cancel'): Promise<ShowRow | undefined> {
    const to = nextShowState(row.state, event);
    if (!to) return undefined;
    const room = await rooms.byId(row.roomId);
    const moved = await db.transaction(async (tx) => {
      const changed = await showsRepo.transition(tx, row.id, row.state, to, clock.now());
      if (changed) await recordInOutbox(tx, room, changed);
      return changed;
    });
    if (moved) await announceState(moved);
    return moved;
  }

  return {

    async schedule(shopId: string, roomId: string, input: { title: string; coverUrl?: string | undefined; scheduledAt: string }): Promise<Show> {
      await rooms.ofShop(shopId, roomId);
      const scheduledAt = new Date(input.scheduledAt);
      if (scheduledAt.getTime() < clock.now().getTime() - SCHEDULE_GRACE_MS) throw new AppError('LIVE_SHOW_IN_PAST');
      const row = await showsRepo.insert(db, {
        id: newId(),
        roomId,
        title: input.title,
        coverUrl: input.coverUrl ?? null,
        scheduledAt,
        state: 'scheduled',
        startedAt: null,
      });
      await announceState(row);
      return toShow(row);
    },

    async list(shopId: string, roomId: string, query: PageQuery): Promise<Page<Show>> {
      await rooms.ofShop(shopId, roomId);
      return mapPage(await showsRepo.pageOfRoom(db, roomId, query), toShow);
    },

    /** Cancels a show that has not started; a live or ended show is refused. */
    async cancel(shopId: string, roomId: string, showId: string): Promise<Show> {
      await rooms.ofShop(shopId, roomId);
      const row = await showsRepo.byId(db, showId);
      if (!row || row.roomId !== roomId) throw new AppError('LIVE_SHOW_NOT_FOUND');
      const moved = await move(row, 'cancel');
      if (!moved) throw new AppError('LIVE_SHOW_NOT_CANCELLABLE');
      return toShow(moved);
    },

    /**
     * The host ends a live show by hand: for a show left live by a crash of the node that held its
     * stream (a live stream still coming in ends it again, harmlessly, when it stops).
     */
    async endByHost(shopId: string, roomId: string, showId: string): Promise<Show> {
      await rooms.ofShop(shopId, roomId);
      const row = await showsRepo.byId(db, showId);
      if (!row || row.roomId !== roomId) throw new AppError('LIVE_SHOW_NOT_FOUND');
      const moved = await move(row, 'end');
      // Also when it was already ended: the host pressing End again still means "stop my encoder".
      for (const listener of endedByHost) await listener(roomId, showId);
      return toShow(moved ?? row);
    },

    /** Listeners hear of a show the host ended by hand (the ingest stops its encoder and recording). */
    onEndedByHost(listener: (roomId: string, showId: string) => void | Promise<void>): () => void {
      endedByHost.add(listener);
      return () => endedByHost.delete(listener);
    },

    /**
     * The room's stream started (or resumed). Idempotent: a show already live stays the same show;
     * else the next scheduled show goes live; else an unscheduled show opens, titled like the room.
     */
    async goLive(roomId: string): Promise<LiveShow> {
      const room = await rooms.byId(roomId);
      for (let attempt = 0; attempt < 3; attempt++) {
        const live = await showsRepo.liveOfRoom(db, roomId);
        if (live) return { show: toShow(live), room, recording: live.recording };
        try {
          const next = await showsRepo.nextScheduled(db, roomId);
          const moved = next
            ? await move(next, 'goLive')
            : await db.transaction(async (tx) => {
                const opened = await showsRepo.insert(tx, {
                  id: newId(),
                  roomId,
                  title: room.title,
                  coverUrl: null,
                  scheduledAt: null,
                  state: 'live',
                  startedAt: clock.now(),
                });
                await recordInOutbox(tx, room, opened);
                return opened;
              });
          if (moved) {
            if (!next) await announceState(moved);
            return { show: toShow(moved), room, recording: null };
          }
        } catch (err) {
          // Another node made a show live first: the loop picks that one up.
          if (!isUniqueViolation(err)) throw err;
        }
      }
      throw new Error(`room ${roomId}: could not settle its live show`);
    },

    /** The stream stopped for good (after the grace period). Ending an ended show changes nothing. */
    async end(showId: string): Promise<Show | undefined> {
      const row = await showsRepo.byId(db, showId);
      if (!row) return undefined;
      const moved = await move(row, 'end');
      return toShow(moved ?? row);
    },

    /** Every show live now, in any room (a restarted single node looks for shows it left live). */
    async allLive(): Promise<{ roomId: string; showId: string; recording: string | null }[]> {
      return (await showsRepo.allLive(db)).map((r) => ({ roomId: r.roomId, showId: r.id, recording: r.recording }));
    },

    setRecording: (showId: string, startedAt: Date, recording: string) => showsRepo.setRecording(db, showId, startedAt, recording),

    async get(showId: string): Promise<LiveShow | undefined> {
      const row = await showsRepo.byId(db, showId);
      if (!row) return undefined;
      const room = await rooms.byId(row.roomId);
      return { show: toShow(row), room, recording: row.recording };
    },

    /** When an ended show's recording ran: its replay's chat is what was said then. */
    async replayWindow(roomId: string, showId: string): Promise<{ from: Date; to: Date }> {
      const row = await showsRepo.byId(db, showId);
      const from = row?.recordingStartedAt ?? row?.startedAt;
      if (!row || row.roomId !== roomId || row.state !== 'ended' || !row.recording || !from || !row.endedAt) throw new AppError('LIVE_SHOW_NOT_FOUND');
      return { from, to: row.endedAt };
    },

    /** The room's most recently ended show that has a recording. */
    async lastReplay(roomId: string): Promise<{ show: Show; recording: string } | undefined> {
      const row = await showsRepo.lastRecorded(db, roomId);
      return row?.recording ? { show: toShow(row), recording: row.recording } : undefined;
    },

    /**
     * Live's outbox (show.started, show.ended), for readers in other contexts (webhooks): committed
     * events after `after` (a cursor from a previous read; none: from the start), oldest first.
     */
    outbox: { read: (options: { after?: string | undefined; limit: number }) => liveOutbox.read(db, options), prune: ((options) => liveOutbox.prune(db, options)) as OutboxPrune },

    /** The show live in the room right now (for attribution, audience numbers, playback), or null. */
    async liveNow(roomId: string): Promise<string | null> {
      return (await showsRepo.liveOfRoom(db, roomId))?.id ?? null;
    },

    /** The show a visitor of the room should see: the live one, else the next scheduled, else the last ended. */
    async presentedIn(roomId: string): Promise<{ show: Show; recording: string | null } | undefined> {
      const row =
        (await showsRepo.liveOfRoom(db, roomId)) ?? (await showsRepo.nextScheduled(db, roomId)) ?? (await showsRepo.lastEnded(db, roomId));
      return row && { show: toShow(row), recording: row.recording };
    },
  };
}

export type Shows = ReturnType<typeof createShows>;
export type { ShowState };
