import { AppError } from '../kernel/app-error';
import type { Product } from '../contracts/catalog.schemas';
import type { ShareChannel, ShareTarget } from '../contracts/shares.schemas';

/** What the shares context needs to know of rooms (live) and products (catalog), handed in by the composition root. */
export interface TargetSources {
  rooms: {
    bySlug(slug: string): Promise<{ id: string; shopId: string; slug: string; title: string }>;
    byId(id: string): Promise<{ id: string; shopId: string; slug: string; title: string }>;
  };
  products: { publicGet(id: string): Promise<{ shopId: string; product: Product } | undefined> };
  listings: { target(id: string): Promise<{ shopId: string; marketplace: string; canonicalUrl: string; enabled: boolean; title: string } | undefined> };
  /** The operator's link policy for a listing shared on `channel` (links context: the channel's own rule, else the `share` scene's), decided now. */
  sharePolicy(marketplace: string, channel: ShareChannel): 'link' | 'token' | 'hidden';
  /** Whether a canonical link may be followed (links' isSafeTarget). */
  isSafeTarget(url: string): boolean;
}

/** A missing room is LIVE_ROOM_NOT_FOUND from live: here it is simply "none". */
async function orNone<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof AppError && err.code === 'LIVE_ROOM_NOT_FOUND') return undefined;
    throw err;
  }
}

/** Finds what a share names, by the client's words (a slug, a product id) or by a stored share's ids. */
export function createTargets({ rooms, products, listings, sharePolicy, isSafeTarget }: TargetSources) {
  /** A listing shared on `channel` as a share target now: hidden by the policy or disabled → none. */
  async function listing(id: string, channel: ShareChannel, shopId?: string) {
    const t = await listings.target(id);
    if (!t || !t.enabled || (shopId && t.shopId !== shopId)) return undefined;
    const mode = sharePolicy(t.marketplace, channel);
    return { listing: t, mode, target: mode === 'hidden' ? undefined : ({ kind: 'listing', id, title: t.title, marketplace: t.marketplace, mode } as const) };
  }

  return {
    /** Where a shared listing's visit goes while its policy is `link` (never an unsafe or unknown-marketplace link). */
    async listingUrl(id: string, channel: ShareChannel): Promise<string | undefined> {
      const found = await listing(id, channel);
      if (!found?.target || found.mode !== 'link' || found.listing.marketplace === 'other' || !isSafeTarget(found.listing.canonicalUrl)) return undefined;
      return found.listing.canonicalUrl;
    },

    /** A listing's canonical link, to show as text (token mode). */
    async listingText(id: string): Promise<string | undefined> {
      return (await listings.target(id))?.canonicalUrl;
    },

    async find(
      input: { room: string } | { product: string } | { listing: string },
      channel: ShareChannel,
    ): Promise<{ shopId: string; roomId: string | null; target: ShareTarget } | undefined> {
      if ('listing' in input) {
        const found = await listing(input.listing, channel);
        if (!found) return undefined;
        if (!found.target) throw new AppError('SHARES_TARGET_HIDDEN');
        return { shopId: found.listing.shopId, roomId: null, target: found.target };
      }
      if ('room' in input) {
        const room = await orNone(rooms.bySlug(input.room));
        return room && { shopId: room.shopId, roomId: room.id, target: { kind: 'room', slug: room.slug, title: room.title } };
      }
      const found = await products.publicGet(input.product);
      return found && { shopId: found.shopId, roomId: null, target: { kind: 'product', id: found.product.id, title: found.product.title } };
    },

    /** Where a stored share leads now; undefined when its room or product is gone (or moved shops). */
    async of(row: { shopId: string; roomId: string | null; productId: string | null; listingId: string | null; channel: ShareChannel }): Promise<ShareTarget | undefined> {
      if (row.listingId) return (await listing(row.listingId, row.channel, row.shopId))?.target;
      if (row.roomId) {
        const room = await orNone(rooms.byId(row.roomId));
        return room && room.shopId === row.shopId ? { kind: 'room', slug: room.slug, title: room.title } : undefined;
      }
      if (!row.productId) return undefined;
      const found = await products.publicGet(row.productId);
      return found && found.shopId === row.shopId ? { kind: 'product', id: found.product.id, title: found.product.title } : undefined;
    },
  };
}

export type Targets = ReturnType<typeof createTargets>;
