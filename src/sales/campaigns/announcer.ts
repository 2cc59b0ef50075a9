import type { RoomEvent } from '../../contracts/room-events.schemas';
import type { RoomFlashSale } from '../../contracts/sales-campaigns.schemas';

export interface AnnouncerDeps {
  announce(roomId: string, event: RoomEvent): Promise<void>;
  /** How often coalesced news goes out: the room's tick. */
  tickMs: number;
  log: { warn(o: object, m: string): void };
}

/**
 * Sales news for the room, through the room event channel. A flash sale selling a thousand units
 * in a second must not send a thousand events to every viewer: stock left is kept per sale and
 * "bought" counted per product, and each tick sends at most one of each (the latest stock, the
 * count). Started, ended and sold out go at once. Each node announces what it sold itself; the
 * stock figures it sends come from the database's answer, so every node's figure is true when made.
 */
export function createAnnouncer(deps: AnnouncerDeps) {
  const stock = new Map<string, { roomId: string; left: number }>();
  const bought = new Map<string, { roomId: string; productId: string; title: string; count: number }>();
  const soldOut = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const send = (roomId: string, event: RoomEvent) =>
    deps.announce(roomId, event).catch((err) => deps.log.warn({ err, type: event.type }, 'a sales announcement was not sent'));

  function flush(): void {
    timer = undefined;
    for (const [saleId, s] of stock) void send(s.roomId, { type: 'sale.stock', saleId, left: s.left });
    for (const b of bought.values()) void send(b.roomId, { type: 'sale.bought', productId: b.productId, title: b.title, count: b.count });
    stock.clear();
    bought.clear();
  }

  const later = () => {
    if (!timer) (timer = setTimeout(flush, deps.tickMs)).unref();
  };

  return {
    started(roomId: string, sale: RoomFlashSale): void {
      soldOut.delete(sale.id);
      void send(roomId, { type: 'sale.started', sale });
    },

    stockLeft(roomId: string | null, saleId: string, left: number): void {
      if (!roomId) return;
      stock.set(saleId, { roomId, left });
      if (left === 0 && !soldOut.has(saleId)) {
        soldOut.add(saleId);
        void send(roomId, { type: 'sale.soldOut', saleId });
      } else if (left > 0) soldOut.delete(saleId);
      later();
    },

    bought(roomId: string | null, productId: string, title: string): void {
      if (!roomId) return;
      const key = `${roomId}/${productId}`;
      const b = bought.get(key) ?? { roomId, productId, title, count: 0 };
      b.count += 1;
      bought.set(key, b);
      later();
    },

    ended(roomId: string | null, saleId: string): void {
      stock.delete(saleId);
      if (roomId) void send(roomId, { type: 'sale.ended', saleId });
    },

    close(): void {
      if (timer) clearTimeout(timer);
      flush();
    },
  };
}

export type Announcer = ReturnType<typeof createAnnouncer>;
