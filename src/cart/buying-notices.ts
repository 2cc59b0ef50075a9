import type { RoomEvent } from '../contracts/room-events.schemas';

export interface BuyingClick {
  shopId: string;
  roomId: string;
  listingId: string;
}

export interface BuyingItem {
  id: string;
  number: number;
  title: string;
  listingId: string;
}

/**
 * Click-outs from a room's cart become "N people are going to buy #k" notices (item.buying). Clicks
 * are counted for `windowMs`, then each item clicked gets one event with its count: a rush of
 * thousands of clicks is one event per item a second, because room events reach every viewer.
 */
export function createBuyingNotices(deps: {
  /** The room's cart items viewers see, with the listing behind each. */
  itemsOf(shopId: string, roomId: string): Promise<BuyingItem[]>;
  announce(roomId: string, event: RoomEvent): Promise<void>;
  windowMs?: number;
}) {
  const pending = new Map<string, { shopId: string; counts: Map<string, number> }>();

  async function flush(roomId: string): Promise<void> {
    const room = pending.get(roomId)!;
    pending.delete(roomId);
    const items = await deps.itemsOf(room.shopId, roomId);
    for (const [listingId, count] of room.counts) {
      const item = items.find((i) => i.listingId === listingId);
      // An item removed (or hidden) since the click is not announced.
      if (item) await deps.announce(roomId, { type: 'item.buying', itemId: item.id, number: item.number, title: item.title, count });
    }
  }

  return {
    note(click: BuyingClick): void {
      let room = pending.get(click.roomId);
      if (!room) {
        pending.set(click.roomId, (room = { shopId: click.shopId, counts: new Map() }));
        // A notice is a courtesy: a failure to announce it must not reach the viewer who clicked.
        setTimeout(() => flush(click.roomId).catch(() => {}), deps.windowMs ?? 1000).unref();
      }
      room.counts.set(click.listingId, (room.counts.get(click.listingId) ?? 0) + 1);
    },
  };
}
