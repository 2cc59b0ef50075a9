import type { Db } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';
import type { Counters } from '../platform/counters/counters.port';
import type { Clock } from '../kernel/clock';
import { SESSION_COOKIE, type Identity } from '../identity';
import { maskLinks, type LinkPolicyService } from '../links';
import type { Rooms, Shows } from '../live';
import { createRealtime, parseCookie, type HubMetrics, type RoomEvents } from '../realtime';
import type { Config } from './config';

/** The live rooms, wired to the contexts they ask: who is logged in and their role, rooms, shows, the link policy. */
export function wireRealtime(
  config: Config,
  deps: {
    db: Db;
    bus: Bus;
    counters: Counters;
    clock: Clock;
    roomEvents: RoomEvents;
    identity: Identity;
    rooms: Rooms;
    shows: Shows;
    linkPolicy: LinkPolicyService;
    /** Whether the account paid for an order bought in the room (sales). */
    hasBought(roomId: string, userId: string): Promise<boolean>;
    /** The server secret (HUTONG_SECRET): signs anonymous viewer keys. */
    secret: () => string;
    metrics: HubMetrics;
    log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  },
) {
  const { identity, rooms, shows, linkPolicy } = deps;
  return createRealtime(
    {
      db: deps.db,
      bus: deps.bus,
      counters: deps.counters,
      clock: deps.clock,
      roomEvents: deps.roomEvents,
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
      // The shop's own people by their shop role; anyone else who paid for an order bought in this room is a buyer.
      roleOf: async (room, userId) => (await identity.shops.roleOf(room.shopId, userId)) ?? ((await deps.hasBought(room.id, userId)) ? 'buyer' : undefined),
      liveShowId: async (roomId) => (await shows.liveNow(roomId)) ?? undefined,
      log: deps.log,
      metrics: deps.metrics,
    },
    {
      secret: deps.secret,
      publicUrl: config.publicUrl,
      chatPerSecond: config.realtime.chatMaxPerSecond,
      bannedWords: config.realtime.bannedWords,
      bannedWordsMode: config.realtime.bannedWordsMode,
      bannedWordsMatch: config.realtime.bannedWordsMatch,
      tuning: config.realtime.tuning,
      // The operator's link policy, chat scene: links to hidden marketplaces never reach the room.
      maskText: (text) => maskLinks(text, linkPolicy.current()).text,
    },
  );
}
