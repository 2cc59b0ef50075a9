import type { Db } from '../platform/db/db.port';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/app-error';
import type { ShowCard } from '../contracts/discovery.schemas';
import type { PageQuery } from '../contracts/pagination.schemas';
import { discoveryRepo, type CardRow } from './discovery.repo';

type ShopRef = { id: string; slug: string; name: string };

export interface DiscoveryDeps {
  db: Db;
  clock: Clock;
  /** Shops by id and by slug (identity owns shops). */
  shopsByIds(ids: readonly string[]): Promise<ShopRef[]>;
  shopsBySlugs(slugs: readonly string[]): Promise<ShopRef[]>;
  /** Views so far of live shows (realtime's counters). */
  showViews(showIds: readonly string[]): Promise<Map<string, number>>;
}

export type ShowList = 'live' | 'upcoming' | 'replays';
type ListQuery = PageQuery & {
  /** Only these shops (slugs); unknown slugs match nothing. */
  shops?: string[] | undefined;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * What a visitor finds without a link: shows live now, upcoming, recent replays, and one shop's
 * rooms. Public by nature (rooms are meant to be found); nothing private of a shop is read.
 */
export function createDiscovery(deps: DiscoveryDeps) {
  async function shopIdsOf(slugs: string[] | undefined): Promise<string[] | null> {
    if (!slugs) return null;
    return (await deps.shopsBySlugs(slugs)).map((s) => s.id);
  }

  async function toCards(list: ShowList, rows: CardRow[]): Promise<ShowCard[]> {
    const shops = new Map((await deps.shopsByIds([...new Set(rows.map((r) => r.shopId))])).map((s) => [s.id, s]));
    const views = list === 'live' ? await deps.showViews(rows.map((r) => r.showId)) : new Map<string, number>();
    return rows.flatMap((r) => {
      const shop = shops.get(r.shopId);
      if (!shop) return [];
      return [{
        room: { slug: r.roomSlug, title: r.roomTitle },
        shop: { slug: shop.slug, name: shop.name },
        show: {
          id: r.showId, title: r.title, coverUrl: r.coverUrl, state: r.state,
          scheduledAt: iso(r.scheduledAt), startedAt: iso(r.startedAt), endedAt: iso(r.endedAt),
        },
        views: list === 'live' ? (views.get(r.showId) ?? 0) : null,
      }];
    });
  }

  return {
    async shows(list: ShowList, q: ListQuery): Promise<{ shows: ShowCard[]; next: string | null }> {
      const { shops, ...page } = q;
      const { items, next } = await discoveryRepo[list](deps.db, await shopIdsOf(shops), page, list === 'upcoming' ? deps.clock.now() : undefined);
      return { shows: await toCards(list, items), next };
    },

    /** A shop's rooms, each with whether it is live now. */
    async rooms(shopSlug: string, q: PageQuery) {
      const [shop] = await deps.shopsBySlugs([shopSlug]);
      if (!shop) throw new AppError('IDENTITY_SHOP_NOT_FOUND');
      const { items, next } = await discoveryRepo.rooms(deps.db, shop.id, q);
      return { rooms: items.map((r) => ({ slug: r.slug, title: r.title, live: r.live })), next };
    },
  };
}

export type Discovery = ReturnType<typeof createDiscovery>;
