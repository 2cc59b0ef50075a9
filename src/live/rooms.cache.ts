export type RoomKey = { id: string } | { slug: string };

/** How long a node trusts what it looked up, in case a change message was lost (the bus is at-most-once). */
export const ROOM_CACHE_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

const keyOf = (where: RoomKey) => ('id' in where ? `id:${where.id}` : `slug:${where.slug}`);

/**
 * This node's answers to "which room is at this slug (or id)": every HTTP-FLV and HLS request, every
 * socket join and every viewer cart read asks, so a join storm must not be a query per viewer.
 * Concurrent lookups of one key share one query; an answer — a room or "none" — is kept until the
 * room is said to have changed (`forget`, on this node at once and on the others over the bus) or
 * for ROOM_CACHE_TTL_MS at most. A failed lookup is not kept. Wall time, not the business clock:
 * this is a cache, not a deadline.
 */
export function createRoomCache<Room>(load: (where: RoomKey) => Promise<Room | undefined>, now = () => performance.now()) {
  const entries = new Map<string, { room: Promise<Room | undefined>; until: number }>();

  return {
    find(where: RoomKey): Promise<Room | undefined> {
      const key = keyOf(where);
      const at = now();
      const hit = entries.get(key);
      if (hit && hit.until > at) return hit.room;
      if (entries.size >= MAX_ENTRIES) entries.clear();
      const room = load(where);
      const entry = { room, until: at + ROOM_CACHE_TTL_MS };
      entries.set(key, entry);
      room.catch(() => entries.get(key) === entry && entries.delete(key));
      return room;
    },

    /** Drops what is known of the room under its id and its slug (both, since either may have changed). */
    forget(room: { id: string; slug: string }): void {
      entries.delete(keyOf({ id: room.id }));
      entries.delete(keyOf({ slug: room.slug }));
    },
  };
}
