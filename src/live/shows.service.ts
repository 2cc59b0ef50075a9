import type { Db } from '../platform/db/db.port';
import { isUniqueViolation } from '../platform/db/db.errors';
import { AppError } from '../kernel/app-error';
import type { Clock } from '../kernel/clock';
import { newId } from '../kernel/ids';
import type { Chapter, Show, ShowState } from '../contracts/media.schemas';
import type { RoomEvent } from '../contracts/room-events.schemas';
import type { PinRecord } from '../contracts/cart.schemas';
import { nextShowState } from './shows.machine';
import { showsRepo, toShow, type RoomRef, type ShowRow } from './shows.repo';

export interface ShowsDeps {
  db: Db;
  clock: Clock;
  /** Announces a state change to the room (the composition root passes the room event channel). */
  announce: (roomId: string, event: RoomEvent) => Promise<void>;
  /** The room cart's pins overlapping a time window (the cart's public `pins`): the replay's chapters. */
  pins: (roomId: string, window: { from?: Date; to?: Date }) => Promise<PinRecord[]>;
}

/** A show together with the room it belongs to, as the ingest needs it. */
export interface LiveShow {
  show: Show;
  room: RoomRef;
  /** Where the recording lives (a directory name), if one was started. */
  recording: string | null;
}

/**
 * Shows of a room: scheduled → live → ended (see shows.machine.ts). Every state change is a
 * guarded UPDATE (`WHERE state = from`), so concurrent or repeated calls change a show once;
 * the partial unique index `shows_one_live_per_room` keeps one live show per room.
 */
export function createShows({ db, clock, announce, pins }: ShowsDeps) {
  async function roomOfShop(shopId: string, roomId: string): Promise<RoomRef> {
    const room = await showsRepo.room(db, { id: roomId });
    if (!room || room.shopId !== shopId) throw new AppError('LIVE_ROOM_NOT_FOUND');
    return room;
  }

  async function announceState(row: ShowRow): Promise<void> {
    await announce(row.roomId, { type: 'show.state', showId: row.id, state: row.state });
  }

  async function move(row: ShowRow, event: 'goLive' | 'end' | 'cancel'): Promise<ShowRow | undefined> {
    const to = nextShowState(row.state, event);
    if (!to) return undefined;
    const moved = await showsRepo.transition(db, row.id, row.state, to, clock.now());
    if (moved) await announceState(moved);
    return moved;
  }

  return {
    roomOfShop,
    roomBySlug: async (slug: string): Promise<RoomRef> => {
      const room = await showsRepo.room(db, { slug });
      if (!room) throw new AppError('LIVE_ROOM_NOT_FOUND');
      return room;
    },

    async schedule(shopId: string, roomId: string, input: { title: string; coverUrl?: string | undefined; scheduledAt: string }): Promise<Show> {
      await roomOfShop(shopId, roomId);
      const row = await showsRepo.insert(db, {
        id: newId(),
        roomId,
        title: input.title,
        coverUrl: input.coverUrl ?? null,
        scheduledAt: new Date(input.scheduledAt),
        state: 'scheduled',
        startedAt: null,
      });
      await announceState(row);
      return toShow(row);
    },

    async list(shopId: string, roomId: string): Promise<Show[]> {
      await roomOfShop(shopId, roomId);
      return (await showsRepo.listOfRoom(db, roomId)).map(toShow);
    },

    /** Cancels a show that has not started; a live or ended show is refused. */
    async cancel(shopId: string, roomId: string, showId: string): Promise<Show> {
      await roomOfShop(shopId, roomId);
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
      await roomOfShop(shopId, roomId);
      const row = await showsRepo.byId(db, showId);
      if (!row || row.roomId !== roomId) throw new AppError('LIVE_SHOW_NOT_FOUND');
      const moved = await move(row, 'end');
      return toShow(moved ?? row);
    },

    /**
     * The room's stream started (or resumed). Idempotent: a show already live stays the same show;
     * else the next scheduled show goes live; else an unscheduled show opens, titled like the room.
     */
    async goLive(roomId: string): Promise<LiveShow> {
      const room = await showsRepo.room(db, { id: roomId });
      if (!room) throw new AppError('LIVE_ROOM_NOT_FOUND');
      for (let attempt = 0; attempt < 3; attempt++) {
        const live = await showsRepo.liveOfRoom(db, roomId);
        if (live) return { show: toShow(live), room, recording: live.recording };
        try {
          const next = await showsRepo.nextScheduled(db, roomId);
          const moved = next
            ? await move(next, 'goLive')
            : await showsRepo.insert(db, {
                id: newId(),
                roomId,
                title: room.title,
                coverUrl: null,
                scheduledAt: null,
                state: 'live',
                startedAt: clock.now(),
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
      const room = (await showsRepo.room(db, { id: row.roomId }))!;
      return { show: toShow(row), room, recording: row.recording };
    },

    /** The room's most recently ended show that has a recording. */
    async lastReplay(roomId: string): Promise<{ show: Show; recording: string } | undefined> {
      const row = await showsRepo.lastRecorded(db, roomId);
      return row?.recording ? { show: toShow(row), recording: row.recording } : undefined;
    },

    /** The show a visitor of the room should see: the live one, else the next scheduled, else the last ended. */
    async presentedIn(roomId: string): Promise<{ show: Show; recording: string | null } | undefined> {
      const row =
        (await showsRepo.liveOfRoom(db, roomId)) ?? (await showsRepo.nextScheduled(db, roomId)) ?? (await showsRepo.lastEnded(db, roomId));
      return row && { show: toShow(row), recording: row.recording };
    },

    /**
     * Chapters: each pin of the room during the show, as an offset into the recording. A pin made
     * before the recording began (the host pinned, then started OBS) counts from 0.
     */
    async chapters(showId: string): Promise<Chapter[]> {
      const row = await showsRepo.byId(db, showId);
      if (!row) throw new AppError('LIVE_SHOW_NOT_FOUND');
      const start = row.recordingStartedAt ?? row.startedAt;
      if (!start) return [];
      const during = await pins(row.roomId, { from: start, ...(row.endedAt ? { to: row.endedAt } : {}) });
      return during.map((p) => ({
        kind: p.kind,
        refId: p.refId,
        title: p.title,
        offsetSeconds: Math.max(0, Math.round((new Date(p.pinnedAt).getTime() - start.getTime()) / 100) / 10),
      }));
    },
  };
}

export type Shows = ReturnType<typeof createShows>;
export type { ShowState };
