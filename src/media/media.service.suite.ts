import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NmsBroadcast, NmsSubscriber } from 'node-media-server/src/server/broadcast_server.js';
import type { Db } from '../platform/db/db.port';
import { systemClock } from '../kernel/clock';
import { newId } from '../kernel/ids';
import type { RoomEvent } from '../contracts/room-events.schemas';
import { createShows, type Shows } from '../live';
import { createMedia } from './media.service';
import type { IngestStream } from './rtmp-ingest';
import { insertRoom } from '../../test/support/rows';

/**
 * The media service against the real shows service, with a stand-in ingest stream: the show
 * lifecycle under repeated, late and reconnecting publish/stop events. Run on PGlite and on
 * PostgreSQL (media.service.*.test.ts).
 */
const quiet = { warn() {}, info() {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
      shows = createShows({ db, clock: systemClock, announce: async (_r, e) => void events.push(e), pins: async () => [] });
    });
    afterAll(() => db?.close());

    const newRoom = () => insertRoom(db);

    const media = (graceMs: number) => createMedia({ shows, clock: systemClock, dataDir: '/nonexistent', graceMs, ffmpeg: null, log: quiet });

    it('treats repeated publishes as one show and a late stop after the end as nothing', async () => {
      const roomId = await newRoom();
      const m = media(50);
      const stream = fakeStream();
      await Promise.all([m.started(roomId, stream), m.started(roomId, stream), m.started(roomId, stream)]);
      const live = await shows.presentedIn(roomId);
      expect(live?.show.state).toBe('live');
      await m.stopped(roomId);
      await m.stopped(roomId); // NMS repeats its done event
      await sleep(150);
      expect((await shows.presentedIn(roomId))?.show).toMatchObject({ id: live!.show.id, state: 'ended' });
      await m.stopped(roomId); // a late one, after the end
      expect((await shows.presentedIn(roomId))?.show.state).toBe('ended');
      expect(events.filter((e) => e.type === 'show.state' && e.showId === live!.show.id).map((e) => (e as { state: string }).state)).toEqual([
        'live',
        'ended',
      ]);
    });

    it('continues the same show when the stream comes back within the grace period', async () => {
      const roomId = await newRoom();
      const m = media(300);
      await m.started(roomId, fakeStream());
      const first = (await shows.presentedIn(roomId))!.show.id;
      await m.stopped(roomId);
      expect(m.ingestStatus(roomId).state).toBe('reconnecting');
      await sleep(100);
      await m.started(roomId, fakeStream());
      await sleep(400);
      expect((await shows.presentedIn(roomId))!.show).toMatchObject({ id: first, state: 'live' });
      expect(m.ingestStatus(roomId)).toMatchObject({ state: 'publishing', width: 640, height: 360, fps: 25 });
      await m.close();
      expect((await shows.presentedIn(roomId))!.show).toMatchObject({ id: first, state: 'ended' });
    });

    it('opens a new show when the stream comes back after the grace period', async () => {
      const roomId = await newRoom();
      const m = media(30);
      await m.started(roomId, fakeStream());
      const first = (await shows.presentedIn(roomId))!.show.id;
      await m.stopped(roomId);
      await sleep(120);
      await m.started(roomId, fakeStream());
      const second = (await shows.presentedIn(roomId))!.show;
      expect(second.state).toBe('live');
      expect(second.id).not.toBe(first);
      await m.close();
    });

    it('after a crash, ends a show left live unless its encoder comes back within the grace period', async () => {
      const [gone, back] = [await newRoom(), await newRoom()];
      const crashed = media(10_000);
      for (const roomId of [gone, back]) await crashed.started(roomId, fakeStream());
      const showOf = async (roomId: string) => (await shows.presentedIn(roomId))!.show;
      const before = { gone: (await showOf(gone)).id, back: (await showOf(back)).id };
      // The node died without ending anything; a new one starts and adopts what it left live.
      const restarted = media(100);
      await restarted.adopt((await shows.allLive()).filter((s) => s.roomId === gone || s.roomId === back));
      expect(restarted.ingestStatus(gone).state).toBe('reconnecting');
      await restarted.started(back, fakeStream());
      await sleep(250);
      expect(await showOf(gone)).toMatchObject({ id: before.gone, state: 'ended' });
      expect(await showOf(back)).toMatchObject({ id: before.back, state: 'live' });
      await restarted.close();
    });

    it('makes the next scheduled show live, and never two live shows in a room across two nodes', async () => {
      const roomId = await newRoom();
      const room = await db.query<{ shopId: string }>(`SELECT shop_id AS "shopId" FROM rooms WHERE id = $1`, [roomId]);
      const scheduled = await shows.schedule(room[0]!.shopId, roomId, { title: '新品', scheduledAt: new Date(Date.now() + 60_000).toISOString() });
      // Two nodes' media services receive a publish for the same room at once.
      await Promise.all([media(50).started(roomId, fakeStream()), media(50).started(roomId, fakeStream())]);
      const live = await db.query(`SELECT id FROM shows WHERE room_id = $1 AND state = 'live'`, [roomId]);
      expect(live).toEqual([{ id: scheduled.id }]);
    });

    it('lets an HTTP-FLV viewer attach only while the room is live here', async () => {
      const roomId = await newRoom();
      const m = media(20);
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
