import { listShows, type Show } from '../../studio/golive/golive.api';
import { fetchLiveNumbers } from '../../studio/moderation/moderation.api';
import { listRooms, type Room } from '../../studio/studio.api';

export type Known = { show: Show; room: Room; audience: { views: number; unique: number; pcu: number } | null };

/**
 * What the shop's shows are, by room (their latest page each), and the audience of a show on air now
 * (the room's live numbers): the titles and numbers the sales table puts beside each show, and the
 * choices of the orders' show filter (which needs no audience).
 */
export async function knownShows(shopId: string, signal: AbortSignal, { audience: withAudience = true } = {}): Promise<Map<string, Known>> {
  const rooms = (await listRooms(shopId, undefined, signal)).items;
  const out = new Map<string, Known>();
  await Promise.all(rooms.map(async (room) => {
    const shows = (await listShows(shopId, room.id, undefined, signal)).items;
    for (const show of shows) {
      let audience: Known['audience'] = null;
      if (withAudience && show.state === 'live') {
        const n = (await fetchLiveNumbers(room.slug, signal).catch(() => null))?.numbers;
        if (n) audience = { views: n.views, unique: n.unique, pcu: n.pcu };
      }
      out.set(show.id, { show, room, audience });
    }
  }));
  return out;
}
