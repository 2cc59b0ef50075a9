import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NmsBroadcast, NmsSubscriber } from 'node-media-server/src/server/broadcast_server.js';
import type { Db } from '../platform/db/db.port';
import { systemClock } from '../kernel/clock';
import { newId } from '../kernel/ids';
import type { RoomEvent } from '../contracts/room-events.schemas';
import { createRooms, createShows, type Shows } from '../live';
import { createMedia, type GraceTimers } from './media.service';
import type { IngestStream } from './rtmp-ingest';
import { insertRoom } from '../../test/support/rows';

/**
 * The media service against the real shows service, with a stand-in ingest stream: the show
 * lifecycle under repeated, late and reconnecting publish/stop events. Run on PGlite and on
 * PostgreSQL (media.service.*.test.ts).
 */
const quiet = { warn() {}, info() {} };

/**
 * Grace timers the test fires by hand: "the grace period passed" is a step of the test, not a
 * window of real time that a loaded machine can overrun (or a broken build can pass by sleeping).
 */
function manualTimers(): GraceTimers & { pending: () => number; elapse: () => void } {
  const waiting = new Map<number, () => void>();
  let next = 0;
  return {
    start: (fire) => (waiting.set(++next, fire), next),
    cancel: (handle) => void waiting.delete(handle as number),
    pending: () => waiting.size,
    elapse() {
      const due = [...waiting.values()];
      waiting.clear();
      for (const fire of due) fire();
    },
  };
}

function fakeStream(): IngestStream & { subscribers: Map<string, NmsSubscriber> } {
  const subscribers = new Map<string, NmsSubscriber>();
  const broadcast = {
    streamPath: `/live/${newId()}`,
    publisher: {},
    publishGraceMs: 0,
    subscribers,
    postPlay: (s: NmsSubscriber) => (subscribers.set(s.id, s), null),
    donePlay: (s: NmsSubscriber) => void subscribers.delete(s.id),
    getPublishStatus: () => 'publishing' as const,
  } satisfies NmsBroadcast;
  return { broadcast, subscribers, stats: () => ({ inBytes: 0, fps: 25, width: 640, height: 360 }) };
}

export function describeMediaService(name: string, openDb: () => Promise<Db>): void {
  describe(`media service on ${name}: show lifecycle from ingest events`, () => {
    let db: Db;
    let shows: Shows;
    const events: RoomEvent[] = [];

    beforeAll(async () => {
      db = await openDb();
      shows = createShows({ db, clock: systemClock, rooms: createRooms({ db }), announce: async (_r, e) => void events.push(e) });
    });
    afterAll(() => db?.close());

    const newRoom = () => insertRoom(db);

    const media = (timers: GraceTimers = manualTimers()) => createMedia({ shows, clock: systemClock, dataDir: '/nonexistent', graceMs: 30_000, ffmpeg: null, log: quiet, timers });
    const stateOf = async (roomId: string) => (await shows.presentedIn(roomId))?.show;

    it('treats repeated publishes as one show and a late stop after the end as nothing', async () => {
      const roomId = await newRoom();
      const timers = manualTimers();
      const m = media(timers);
      const stream = fakeStream();
      await Promise.all([m.started(roomId, stream), m.started(roomId, stream), m.started(roomId, stream)]);
      const live = await shows.presentedIn(roomId);
      expect(live?.show.state).toBe('live');
      await m.stopped(roomId, stream);
      await m.stopped(roomId, stream); // NMS repeats its done event
      expect(timers.pending()).toBe(1);
      timers.elapse();
      await vi.waitFor(async () => expect(await stateOf(roomId)).toMatchObject({ id: live!.show.id, state: 'ended' }));
      await m.stopped(roomId, stream); // a late one, after the end
      expect((await shows.presentedIn(roomId))?.show.state).toBe('ended');
      expect(events.filter((e) => e.type === 'show.state' && e.showId === live!.show.id).map((e) => (e as { state: string }).state)).toEqual([
        'live',
        'ended',
      ]);
    });

    it('continues the same show when the stream comes back within the grace period', async () => {
      const roomId = await newRoom();
      const timers = manualTimers();
      const m = media(timers);
      const dropped = fakeStream();
      await m.started(roomId, dropped);
      const first = (await shows.presentedIn(roomId))!.show.id;
      await m.stopped(roomId, dropped);
      expect(m.ingestStatus(roomId).state).toBe('reconnecting');
      await m.started(roomId, fakeStream());
      // The grace period passes after the stream came back: nothing is left to fire.
      expect(timers.pending()).toBe(0);
      timers.elapse();
      expect((await shows.presentedIn(roomId))!.show).toMatchObject({ id: first, state: 'live' });
      expect(m.ingestStatus(roomId)).toMatchObject({ state: 'publishing', width: 640, height: 360, fps: 25 });
      await m.close();
      expect((await shows.presentedIn(roomId))!.show).toMatchObject({ id: first, state: 'ended' });
    });

    it('opens a new show when the stream comes back after the grace period', async () => {
      const roomId = await newRoom();
      const timers = manualTimers();
      const m = media(timers);
      const stream = fakeStream();
      await m.started(roomId, stream);
      const first = (await shows.presentedIn(roomId))!.show.id;
      await m.stopped(roomId, stream);
      timers.elapse();
      await vi.waitFor(async () => expect((await stateOf(roomId))?.state).toBe('ended'));
      await m.started(roomId, fakeStream());
      const second = (await shows.presentedIn(roomId))!.show;
      expect(second.state).toBe('live');
      expect(second.id).not.toBe(first);
      await m.close();
    });

    it('after a crash, ends a show left live unless its encoder comes back within the grace period', async () => {
      const [gone, back] = [await newRoom(), await newRoom()];
      const crashed = media();
      for (const roomId of [gone, back]) await crashed.started(roomId, fakeStream());
      const showOf = async (roomId: string) => (await shows.presentedIn(roomId))!.show;
      const before = { gone: (await showOf(gone)).id, back: (await showOf(back)).id };
      // The node died without ending anything; a new one starts and adopts what it left live.
      const timers = manualTimers();
      const restarted = media(timers);
      await restarted.adopt((await shows.allLive()).filter((s) => s.roomId === gone || s.roomId === back));
      expect(restarted.ingestStatus(gone).state).toBe('reconnecting');
      await restarted.started(back, fakeStream());
      timers.elapse();
      await vi.waitFor(async () => expect(await showOf(gone)).toMatchObject({ id: before.gone, state: 'ended' }));
      expect(await showOf(back)).toMatchObject({ id: before.back, state: 'live' });
      await restarted.close();
    });

    it('makes the next scheduled show live, and never two live shows in a room across two nodes', async () => {
      const roomId = await newRoom();
      const room = await db.query<{ shopId: string }>(`SELECT shop_id AS "shopId" FROM rooms WHERE id = $1`, [roomId]);
      const scheduled = await shows.schedule(room[0]!.shopId, roomId, { title: '新品', scheduledAt: new Date(Date.now() + 60_000).toISOString() });
      // Two nodes' media services receive a publish for the same room at once.
      await Promise.all([media().started(roomId, fakeStream()), media().started(roomId, fakeStream())]);
      const live = await db.query(`SELECT id FROM shows WHERE room_id = $1 AND state = 'live'`, [roomId]);
      expect(live).toEqual([{ id: scheduled.id }]);
    });

    it('follows the stream, not the room: an old stream stopping after a new one started does not end the show', async () => {
      const roomId = await newRoom();
      const timers = manualTimers();
      const m = media(timers);
      const oldKey = fakeStream();
      const newKey = fakeStream();
      await m.started(roomId, oldKey);
      const show = (await stateOf(roomId))!.id;
      // OBS reconnected (or the host switched to a rotated key) before the old connection was seen gone.
      await m.started(roomId, newKey);
      await m.stopped(roomId, oldKey);
      expect(timers.pending()).toBe(0);
      expect(m.ingestStatus(roomId).state).toBe('publishing');
      expect(await stateOf(roomId)).toMatchObject({ id: show, state: 'live' });
      // The stream the show follows stopping does start the grace period.
      await m.stopped(roomId, newKey);
      expect(m.ingestStatus(roomId).state).toBe('reconnecting');
      timers.elapse();
      await vi.waitFor(async () => expect(await stateOf(roomId)).toMatchObject({ id: show, state: 'ended' }));
    });

    it('lets an HTTP-FLV viewer attach only while the room is live here', async () => {
      const roomId = await newRoom();
      const m = media();
      const fakeRes = () => Object.assign(new EventEmitter(), { writableEnded: false, destroyed: false, writableLength: 0, write() {}, end() {} });
      expect(m.attachFlv(roomId, fakeRes() as never)).toBe(false);
      const stream = fakeStream();
      await m.started(roomId, stream);
      expect(m.attachFlv(roomId, fakeRes() as never)).toBe(true);
      expect(stream.subscribers.size).toBe(1);
      await m.close();
    });
  });
}
