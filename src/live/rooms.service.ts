import type { Db } from '../platform/db/db.port';
import { isUniqueViolation } from '../platform/db/db.errors';
import { AppError } from '../kernel/app-error';
import { newId } from '../kernel/ids';
import type { Room } from '../contracts/live.schemas';
import { roomsRepo, toRoom } from './rooms.repo';

/** Rooms of a shop. The public view names the shop, which the caller passes in (identity owns shops). */
export function createRooms({ db }: { db: Db }) {
  return {
    async create(shopId: string, input: { slug: string; title: string }): Promise<Room> {
      try {
        return toRoom(await roomsRepo.insert(db, { id: newId(), shopId, ...input }));
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('LIVE_ROOM_SLUG_TAKEN');
        throw err;
      }
    },

    list: async (shopId: string): Promise<Room[]> => (await roomsRepo.listOfShop(db, shopId)).map(toRoom),

    async bySlug(slug: string): Promise<Room & { shopId: string }> {
      const row = await roomsRepo.bySlug(db, slug);
      if (!row) throw new AppError('LIVE_ROOM_NOT_FOUND');
      return { ...toRoom(row), shopId: row.shopId };
    },
  };
}

export type Rooms = ReturnType<typeof createRooms>;
