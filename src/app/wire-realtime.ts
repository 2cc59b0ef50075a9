import type { Db } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';
import type { Counters } from '../platform/counters/counters.port';
import type { Clock } from '../kernel/clock';
import { SESSION_COOKIE, type Identity } from '../identity';
import { maskLinks, type LinkPolicyService } from '../links';
import type { Rooms, Shows } from '../live';
import { createRealtime, parseCookie, realtimeSecret, type HubMetrics, type RoomEvents } from '../realtime';
import type { Config } from './config';

/** The live rooms, wired to the contexts they ask: who is logged in and their role, rooms, shows, the link policy. */
export function wireRealtime(
  config: Config,
  d: {
    db: Db;
    bus: Bus;
    counters: Counters;
    clock: Clock;
    roomEvents: RoomEvents;
    identity: Identity;
    rooms: Rooms;
    shows: Shows;
    linkPolicy: LinkPolicyService;
    metrics: HubMetrics;
    log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  },
) {
  const { identity, rooms, shows, linkPolicy } = d;
  return createRealtime(
    {
      db: d.db,
      bus: d.bus,
      counters: d.counters,
      clock: d.clock,
      roomEvents: d.roomEvents,
      async findRoom(slug) {
        try {
          return await rooms.bySlug(slug);
        } catch (err) {
          // Only "no such room" is an answer; a database failure stays an error (500, not 404).
          if ((err as { code?: string }).code === 'LIVE_ROOM_NOT_FOUND') return undefined;
          throw err;
        }
      },
      async userFromCookie(header) {
        const token = parseCookie(header, SESSION_COOKIE);
        return token ? identity.accounts.userForSession(token) : undefined;
      },
      roleOf: (shopId, userId) => identity.shops.roleOf(shopId, userId),
      async liveShowId(roomId) {
        const presented = await shows.presentedIn(roomId);
        return presented?.show.state === 'live' ? presented.show.id : undefined;
      },
      log: d.log,
      metrics: d.metrics,
    },
    {
      secret: realtimeSecret(config.realtime.secret, config.dataDir),
      publicUrl: config.publicUrl,
      chatPerSecond: config.realtime.chatMaxPerSecond,
      bannedWords: config.realtime.bannedWords,
      bannedWordsMode: config.realtime.bannedWordsMode,
      // The operator's link policy, chat scene: links to hidden marketplaces never reach the room.
      hub: { maskText: (text) => maskLinks(text, linkPolicy.current()).text },
    },
  );
}
