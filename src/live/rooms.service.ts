import type { Db } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';
import { mapPage, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import { isUniqueViolation } from '../platform/db/db.errors';
import { AppError } from '../kernel/app-error';
import { newId } from '../kernel/ids';
import type { Room } from '../contracts/live.schemas';
import { roomsRepo, toRoom, type RoomRow } from './rooms.repo';
import { createRoomCache } from './rooms.cache';

/** A node that changes a room says so here (`{ id, slug }`): every node forgets what it cached of it. */
export const ROOM_CHANGED_TOPIC = 'live.room.changed';

/** A room with the shop it belongs to: what other contexts look a room up for. */
export type RoomRecord = Room & { shopId: string };

const toRecord = (row: RoomRow): RoomRecord => ({ ...toRoom(row), shopId: row.shopId });

/**
 * Rooms of a shop, and the one way every context finds a room (by slug, by id, or as a shop's),
 * cached on each node (rooms.cache.ts). Every write to a room goes through `changed`, which clears
 * it here and, over the bus, on every other node: call `start()` to hear the others.
 */
export function createRooms({ db, bus }: { db: Db; bus?: Bus }) {
  const cache = createRoomCache(async (where) => {
    const row = await roomsRepo.find(db, where);
    return row && toRecord(row);
  });
  let unsubscribe: (() => Promise<void>) | undefined;

  async function find(where: { id: string } | { slug: string }): Promise<RoomRecord> {
    const room = await cache.find(where);
    if (!room) throw new AppError('LIVE_ROOM_NOT_FOUND');
    return room;
  }

  /** After a room's row changed (or was created: "no such room" may be cached for its slug). */
  async function changed(room: { id: string; slug: string }): Promise<void> {
    cache.forget(room);
    await bus?.publish(ROOM_CHANGED_TOPIC, { id: room.id, slug: room.slug });
  }

  return {
    async start(): Promise<void> {
      unsubscribe = await bus?.subscribe(ROOM_CHANGED_TOPIC, (message) => {
        const { id, slug } = (message ?? {}) as { id?: unknown; slug?: unknown };
        if (typeof id === 'string' && typeof slug === 'string') cache.forget({ id, slug });
      });
    },
    async close(): Promise<void> {
      await unsubscribe?.();
    },

    async create(shopId: string, input: { slug: string; title: string }): Promise<Room> {
      let row: RoomRow;
      try {
        row = await roomsRepo.insert(db, { id: newId(), shopId, ...input });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('LIVE_ROOM_SLUG_TAKEN');
        throw err;
      }
      await changed(row);
      return toRoom(row);
    },

    list: async (shopId: string, query: PageQuery): Promise<Page<Room>> => mapPage(await roomsRepo.pageOfShop(db, shopId, query), toRoom),

    /** The room at /live/SLUG; LIVE_ROOM_NOT_FOUND when there is none. */
    bySlug: (slug: string): Promise<RoomRecord> => find({ slug }),

    byId: (roomId: string): Promise<RoomRecord> => find({ id: roomId }),

    /** The room if it is this shop's: another shop's room is not found, as a missing one. */
    async ofShop(shopId: string, roomId: string): Promise<RoomRecord> {
      const room = await find({ id: roomId });
      if (room.shopId !== shopId) throw new AppError('LIVE_ROOM_NOT_FOUND');
      return room;
    },
  };
}

export type Rooms = ReturnType<typeof createRooms>;
