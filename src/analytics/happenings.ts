import type { Db } from '../platform/db/db.port';
import { minuteOf } from './audience-sampler';
import { minutesRepo, type Additive, type ProductAdditive, type ShowOwner } from './minutes.repo';

/** Something that happened once, on this node, in a live show. */
export type Happening =
  | { type: 'cart.opened' }
  | { type: 'product.opened'; productId: string }
  | { type: 'listing.clicked'; listingId: string }
  | { type: 'shop.followed' }
  | { type: 'shared'; sharer: string; channel: string };

const addTo = <T extends Record<string, number | undefined>>(into: T, values: T): void => {
  for (const [k, v] of Object.entries(values)) (into as Record<string, number>)[k] = ((into as Record<string, number>)[k] ?? 0) + (v ?? 0);
};

/**
 * Happenings are counted by the node where they happened (its HTTP request, its listener), so
 * nodes add them up without counting one twice. They gather in memory and are written every
 * `flush()` (the service calls it every few seconds) in one transaction; a failed write keeps them
 * for the next. A crash loses at most what gathered since the last flush (docs/metrics.md).
 */
export function createHappenings(deps: { db: Db; now: () => number }) {
  let owners = new Map<string, ShowOwner>();
  let minutes = new Map<string, { showId: string; minute: number; values: Additive }>();
  let products = new Map<string, { showId: string; productId: string; kind: 'product' | 'listing'; values: ProductAdditive }>();
  let sharers = new Map<string, { showId: string; sharer: string; channel: string; n: number }>();

  function minute(showId: string, values: Additive): void {
    const m = minuteOf(deps.now());
    const key = `${showId} ${m}`;
    const entry = minutes.get(key) ?? { showId, minute: m, values: {} };
    addTo(entry.values, values);
    minutes.set(key, entry);
  }

  function product(showId: string, productId: string, kind: 'product' | 'listing', values: ProductAdditive): void {
    const key = `${showId} ${productId}`;
    const entry = products.get(key) ?? { showId, productId, kind, values: {} };
    addTo(entry.values, values);
    products.set(key, entry);
  }

  return {
    note(owner: ShowOwner, h: Happening): void {
      owners.set(owner.showId, owner);
      switch (h.type) {
        case 'cart.opened':
          return minute(owner.showId, { cartOpens: 1 });
        case 'product.opened':
          minute(owner.showId, { ownClicks: 1 });
          return product(owner.showId, h.productId, 'product', { clicks: 1 });
        case 'listing.clicked':
          minute(owner.showId, { externalClicks: 1 });
          return product(owner.showId, h.listingId, 'listing', { clicks: 1 });
        case 'shop.followed':
          return minute(owner.showId, { follows: 1 });
        case 'shared': {
          minute(owner.showId, { shares: 1 });
          const key = `${owner.showId} ${h.sharer} ${h.channel}`;
          const s = sharers.get(key) ?? { showId: owner.showId, sharer: h.sharer, channel: h.channel, n: 0 };
          s.n++;
          sharers.set(key, s);
        }
      }
    },

    /** Writes what gathered; on failure it is kept (merged with what gathers meanwhile) for the next flush. */
    async flush(): Promise<void> {
      if (minutes.size + products.size + sharers.size === 0) return;
      const taken = { owners, minutes, products, sharers };
      owners = new Map();
      minutes = new Map();
      products = new Map();
      sharers = new Map();
      try {
        const at = new Date(deps.now());
        await deps.db.transaction(async (tx) => {
          for (const o of taken.owners.values()) await minutesRepo.ensureShow(tx, o, at);
          for (const m of taken.minutes.values()) await minutesRepo.add(tx, m.showId, new Date(m.minute), m.values);
          for (const p of taken.products.values()) await minutesRepo.addProduct(tx, p.showId, p.productId, p.kind, p.values);
          for (const s of taken.sharers.values()) await minutesRepo.addShares(tx, s.showId, s.sharer, s.channel, s.n);
        });
      } catch (err) {
        for (const [k, o] of taken.owners) if (!owners.has(k)) owners.set(k, o);
        for (const [k, m] of taken.minutes) {
          const now = minutes.get(k);
          if (now) addTo(now.values, m.values);
          else minutes.set(k, m);
        }
        for (const [k, p] of taken.products) {
          const now = products.get(k);
          if (now) addTo(now.values, p.values);
          else products.set(k, p);
        }
        for (const [k, s] of taken.sharers) {
          const now = sharers.get(k);
          if (now) now.n += s.n;
          else sharers.set(k, s);
        }
        throw err;
      }
    },
  };
}

export type Happenings = ReturnType<typeof createHappenings>;
