import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { Db } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';
import type { Counters } from '../platform/counters/counters.port';
import type { Clock } from '../kernel/clock';
import { chatRepo } from './chat.repo';
import { moderationRepo } from './moderation.repo';
import { hubTopic } from './topics';
import { createGateway } from './gateway';
import { createHubs } from './hubs';
import { defaultChatLimits, type ChatLimits } from './chat-rules';
import type { HubMetrics, HubOptions, HubRoom, HubTuning } from './hub';
import { createModeration } from './moderation.service';
import type { RoomEvents } from './room-events';
import { createViewerKeys } from './viewer-key';
import { showScope } from './audience';
import { createEndedShows } from './ended-shows';
import type { RoomCounts } from '../contracts/realtime.schemas';

export interface RealtimeOptions {
  /** Read on first use (config or a file under the data dir: app/secret-file.ts). */
  secret: () => string;
  publicUrl: string;
  chatPerSecond: number;
  bannedWords: readonly string[];
  bannedWordsMode: ChatLimits['bannedWordsMode'];
  bannedWordsMatch: ChatLimits['bannedWordsMatch'];
  /** Ticks, queue bounds and windows of the room hubs (config: HUTONG_ROOM_*). */
  tuning: HubTuning & {
    /** A hub with no sockets left closes after this long (a reload finds the same hub and resumes). */
    idleCloseMs: number;
  };
  /** Applied to every accepted message (the links context masks links the policy hides). */
  maskText?: (text: string) => string;
}

/** A live show's audience as one node sees it (realtime.liveAudiences). */
export interface LiveAudience {
  roomId: string;
  slug: string;
  shopId: string;
  showId: string;
  /** Sockets of the room on this node. */
  sockets: number;
  /** The room's numbers, every node's (online now, peak, views, unique, likes). */
  counts: RoomCounts;
  /** Chat messages accepted in the show, every node's. */
  chat: number;
}

export interface RealtimeDeps {
  db: Db;
  bus: Bus;
  counters: Counters;
  clock: Clock;
  roomEvents: RoomEvents;
  /** Room lookup (live context); undefined when there is no such room. */
  findRoom(slug: string): Promise<HubRoom | undefined>;
  userFromCookie(cookieHeader: string | undefined): Promise<{ id: string; displayName: string } | undefined>;
  /** The account's role in the room: its shop role, or `buyer` once it has bought there. */
  roleOf(room: HubRoom, userId: string): Promise<string | undefined>;
  /** The room's live show (live context), if any; audience numbers are per show. */
  liveShowId(roomId: string): Promise<string | undefined>;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  metrics?: HubMetrics;
}

/** Realtime: hubs, the socket gateway and moderation, built from explicit dependencies. */
export function createRealtime(deps: RealtimeDeps, options: RealtimeOptions) {
  const now = () => deps.clock.now().getTime();
  const { idleCloseMs, ...tuning } = options.tuning;
  const hubOptions: HubOptions = {
    ...tuning,
    chatPerSecond: options.chatPerSecond,
    relayMarginMs: tuning.maxTickMs,
    limits: { ...defaultChatLimits, bannedWordsMode: options.bannedWordsMode, bannedWordsMatch: options.bannedWordsMatch },
    operatorBannedWords: options.bannedWords,
    maskText: options.maskText,
  };
  const hubs = createHubs({
    nodeId: randomBytes(6).toString('hex'),
    bus: deps.bus,
    counters: deps.counters,
    store: {
      saveChat: (roomId, messages) => chatRepo.insertMany(deps.db, roomId, messages),
      markDeleted: (roomId, id) => chatRepo.markDeleted(deps.db, roomId, id),
      recentChat: async (roomId, limit) =>
        (await chatRepo.latest(deps.db, roomId, limit)).filter((m) => !m.deleted).map(({ deleted: _, ...m }) => m),
      async loadModeration(room) {
        const [bans, mutes, slowModeSeconds, bannedWords] = await Promise.all([
          moderationRepo.bans(deps.db, room.shopId),
          moderationRepo.mutes(deps.db, room.id),
          moderationRepo.slowMode(deps.db, room.id),
          moderationRepo.bannedWords(deps.db, room.shopId),
        ]);
        return { bans, mutes, slowModeSeconds, bannedWords };
      },
    },
    subscribeEvents: (roomId, handler) => deps.roomEvents.subscribe(roomId, handler),
    liveShowId: deps.liveShowId,
    metrics: deps.metrics,
    options: hubOptions,
    now,
    log: deps.log,
    idleCloseMs,
  });
  const gateway = createGateway({
    hubs,
    viewerKeys: createViewerKeys(options.secret),
    roomBySlug: deps.findRoom,
    userFromCookie: deps.userFromCookie,
    roleOf: deps.roleOf,
    publicOrigin: new URL(options.publicUrl).origin,
    log: deps.log,
  });
  const moderation = createModeration({ db: deps.db, bus: deps.bus, now });
  const endedShows = createEndedShows({ bus: deps.bus, counters: deps.counters, hasHub: (roomId) => hubs.peek(roomId) !== undefined, log: deps.log });

  return {
    hubs,
    moderation,
    /** An account bought in a room: its sockets there, on every node, chat as `buyer` from now on. */
    promoteBuyer: (roomId: string, userId: string): Promise<void> =>
      deps.bus.publish(hubTopic(roomId), { k: 'buyer', viewerId: `u:${userId}` }),
    /**
     * Views so far of live shows (docs/audience.md), read from the counters without a hub: shared by
     * every node on Redis; this process's share with per-process counters.
     */
    async showViews(showIds: readonly string[]): Promise<Map<string, number>> {
      const views = await Promise.all(showIds.map(async (id) => (await deps.counters.read(showScope(id))).views));
      return new Map(showIds.map((id, i) => [id, views[i]!]));
    },
    /** A show ended on this node: every node lets go of its audience numbers (ended-shows.ts). */
    showEnded: (roomId: string, showId: string): Promise<void> => endedShows.ended(roomId, showId),
    /**
     * The audience of every live show with a hub on this node, as the hub shows it (every node's
     * numbers: docs/audience.md), with this node's own sockets. Analytics samples it; nothing is
     * asked of the counters or the database here.
     */
    async liveAudiences(): Promise<LiveAudience[]> {
      const opened = await Promise.all(hubs.all().map((h) => h.catch(() => undefined)));
      const live: LiveAudience[] = [];
      for (const hub of opened) {
        const showId = hub?.showId;
        if (!hub || !showId) continue;
        live.push({ roomId: hub.room.id, slug: hub.room.slug, shopId: hub.room.shopId, showId, sockets: hub.clients.size, counts: hub.counts(), chat: hub.chatTotals().accepted });
      }
      return live;
    },
    /** Starts answering room sockets on the API's HTTP server. */
    attach: (server: Server) => gateway.attach(server),
    async close(): Promise<void> {
      await gateway.close();
      await hubs.close();
      await endedShows.close();
    },
  };
}

export type Realtime = ReturnType<typeof createRealtime>;
