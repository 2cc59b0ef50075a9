/**
 * How long a room's live show is remembered. A show starting or ending on this node is forgotten at
 * once (`changed`); one started on another node may be missed by orders for this long.
 */
const REMEMBER_MS = 1_000;

/**
 * The room's live show, the show an order is credited to, asked of the live context at most once a
 * second per room: a flash sale's thousands of orders a second must not each ask the database.
 */
export function createLiveShowLookup(liveShowOf: (roomId: string) => Promise<string | null>, now: () => number) {
  const known = new Map<string, { showId: Promise<string | null>; until: number }>();
  return {
    of(roomId: string): Promise<string | null> {
      const k = known.get(roomId);
      if (k && k.until > now()) return k.showId;
      const showId = liveShowOf(roomId);
      known.set(roomId, { showId, until: now() + REMEMBER_MS });
      showId.catch(() => known.delete(roomId));
      return showId;
    },
    changed(roomId: string): void {
      known.delete(roomId);
    },
  };
}
