import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { Db } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';
import type { Counters } from '../platform/counters/counters.port';
import type { Clock } from '../kernel/clock';
import { chatRepo } from './chat.repo';
import { moderationRepo } from './moderation.repo';
import { createGateway } from './gateway';
import { createHubs } from './hubs';
import { defaultChatLimits, type ChatLimits } from './chat-rules';
import type { HubMetrics, HubOptions, HubRoom } from './hub';
import { createModeration } from './moderation.service';
import type { RoomEvents } from './room-events';
import { createViewerKeys } from './viewer-key';

export interface RealtimeOptions {
  /** Read on first use (see secret.ts). */
  secret: () => string;
  publicUrl: string;
  chatPerSecond: number;
  bannedWords: readonly string[];
  bannedWordsMode: ChatLimits['bannedWordsMode'];
  /** Overrides for tests and benchmarks (tick, queue bounds, windows). */
  hub?: Partial<HubOptions>;
  idleCloseMs?: number;
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
  roleOf(shopId: string, userId: string): Promise<string | undefined>;
  /** The room's live show (live context), if any; audience numbers are per show. */
  liveShowId(roomId: string): Promise<string | undefined>;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  metrics?: HubMetrics;
}

/** Realtime: hubs, the socket gateway and moderation, built from explicit dependencies. */
export function createRealtime(d: RealtimeDeps, o: RealtimeOptions) {
  const now = () => d.clock.now().getTime();
  const options: HubOptions = {
    tickMs: 100,
    maxTickMs: 200,
    chatPerSecond: o.chatPerSecond,
    maxBufferedBytes: 256 * 1024,
    slowCloseMs: 5_000,
    resumeFrames: 600,
    recentMessages: 50,
    viewWindowMs: 60_000,
    peerTimeoutMs: 6_000,
    writeChunk: 2_000,
    laneSockets: 2_000,
    limits: { ...defaultChatLimits, bannedWordsMode: o.bannedWordsMode },
    operatorBannedWords: o.bannedWords,
    ...o.hub,
  };
  const hubs = createHubs({
    nodeId: randomBytes(6).toString('hex'),
    bus: d.bus,
    counters: d.counters,
    store: {
      saveChat: (roomId, messages) => chatRepo.insertMany(d.db, roomId, messages),
      recentChat: async (roomId, limit) =>
        (await chatRepo.latest(d.db, roomId, limit)).filter((m) => !m.deleted).map(({ deleted: _, ...m }) => m),
      async loadModeration(room) {
        const [bans, mutes, slowModeSeconds, bannedWords] = await Promise.all([
          moderationRepo.bans(d.db, room.shopId),
          moderationRepo.mutes(d.db, room.id),
          moderationRepo.slowMode(d.db, room.id),
          moderationRepo.bannedWords(d.db, room.shopId),
        ]);
        return { bans, mutes, slowModeSeconds, bannedWords };
      },
    },
    subscribeEvents: (roomId, handler) => d.roomEvents.subscribe(roomId, handler),
    liveShowId: d.liveShowId,
    metrics: d.metrics,
    options,
    now,
    log: d.log,
    idleCloseMs: o.idleCloseMs ?? 30_000,
  });
  const gateway = createGateway({
    hubs,
    viewerKeys: createViewerKeys(o.secret),
    roomBySlug: d.findRoom,
    userFromCookie: d.userFromCookie,
    roleOf: d.roleOf,
    publicOrigin: new URL(o.publicUrl).origin,
    log: d.log,
  });
  const moderation = createModeration({ db: d.db, bus: d.bus, now });

  return {
    hubs,
    moderation,
    /** Starts answering room sockets on the API's HTTP server. */
    attach: (server: Server) => gateway.attach(server),
    async close(): Promise<void> {
      await gateway.close();
      await hubs.close();
    },
  };
}

export type Realtime = ReturnType<typeof createRealtime>;
