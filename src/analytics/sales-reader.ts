import type { Db, Queryable } from '../platform/db/db.port';
import type { StoredSalesEvent } from '../contracts/sales-events.schemas';
import { minuteOf } from './audience-sampler';
import { minutesRepo } from './minutes.repo';

/** Sales' outbox as its index offers it: committed events after a cursor, in commit-safe order. */
export type ReadSalesEvents = (options: { after?: string; limit: number }) => Promise<{ events: StoredSalesEvent[]; next: string | null }>;

const READER = 'sales.outbox';
const BATCH = 500;

/** Another node applied the same page first; this one's work is rolled back. */
class CursorMoved extends Error {}

/**
 * Orders, units and GMV of each show from the sales outbox, each event exactly once: the page of
 * events is applied in the same transaction that moves the shared cursor, and only if the cursor
 * still stands where this node read it (compare-and-set), so two nodes reading the same page apply
 * it once between them; a crash before the commit applies nothing and the page is read again.
 */
export function createSalesReader(deps: { db: Db; read: ReadSalesEvents }) {
  async function apply(tx: Queryable, e: StoredSalesEvent): Promise<void> {
    if (e.type !== 'order.created' && e.type !== 'order.paid') return;
    const o = e.data;
    if (!o.showId || !o.roomId) return;
    const minute = new Date(minuteOf(new Date(e.at).getTime()));
    await minutesRepo.ensureShow(tx, { showId: o.showId, shopId: e.shopId, roomId: o.roomId }, new Date(e.at));
    // GMV is summed in the show's currency (its first order's); an order in another adds no money.
    const sameCurrency = (await minutesRepo.currency(tx, o.showId, o.currency)) === o.currency;
    const money = (minor: number) => (sameCurrency ? minor : 0);
    const byProduct = new Map<string, { units: number; minor: number }>();
    for (const l of o.lines) {
      const p = byProduct.get(l.productId) ?? { units: 0, minor: 0 };
      p.units += l.quantity;
      p.minor += l.quantity * l.unitPriceMinor;
      byProduct.set(l.productId, p);
    }
    if (e.type === 'order.created') {
      await minutesRepo.add(tx, o.showId, minute, { orders: 1, units: o.units, gmvMinor: money(o.totalMinor) });
      for (const [productId, p] of byProduct)
        await minutesRepo.addProduct(tx, o.showId, productId, 'product', { orders: 1, units: p.units, gmvMinor: money(p.minor) });
    } else {
      await minutesRepo.add(tx, o.showId, minute, { paidOrders: 1, paidMinor: money(o.paidMinor) });
      for (const [productId, p] of byProduct)
        await minutesRepo.addProduct(tx, o.showId, productId, 'product', { paidOrders: 1, paidMinor: money(p.minor) });
    }
  }

  return {
    /** Applies what the outbox holds beyond the cursor, a page at a time; answers how many events were read. */
    async catchUp(): Promise<number> {
      let read = 0;
      for (;;) {
        const from = await minutesRepo.cursor(deps.db, READER);
        const { events, next } = await deps.read({ after: from ?? undefined, limit: BATCH });
        if (events.length === 0) return read;
        try {
          await deps.db.transaction(async (tx) => {
            if (!(await minutesRepo.moveCursor(tx, READER, from, next))) throw new CursorMoved();
            for (const e of events) await apply(tx, e);
          });
        } catch (err) {
          if (err instanceof CursorMoved) continue;
          throw err;
        }
        read += events.length;
        if (events.length < BATCH) return read;
      }
    },
  };
}

export type SalesReader = ReturnType<typeof createSalesReader>;
