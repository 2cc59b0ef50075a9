import type { Db, Queryable } from '../platform/db/db.port';
import type { Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import { AppError } from '../kernel/app-error';
import { newId } from '../kernel/ids';
import type { Clock } from '../kernel/clock';
import type { PinRecord, StudioCartItem, ViewerCart, ViewerCartItem } from '../contracts/cart.schemas';
import type { RoomEvent } from '../contracts/room-events.schemas';
import type { ViewerCartItemDetail } from '../contracts/cart-item.schemas';
import type { Commission, Listings, Products } from '../catalog';
import type { ClickOut, LinkPolicyService, PolicyChange } from '../links';
import type { Rooms } from '../live';
import { createBuyingNotices, type BuyingClick } from './buying-notices';
import { cartRepo } from './cart.repo';
import { cartOutbox } from './outbox';
import type { OutboxPrune } from '../platform/db/outbox-cursor';
import { studioItems, toViewerItem, type CartSources } from './cart.view';

/** Items one room's cart may hold. */
export const CART_MAX_ITEMS = 200;

/**
 * How long a node reuses a room's viewer cart. A big room's viewers all reload the cart at once on
 * `cart.changed`; this turns thousands of identical reads into one per node per window. A change
 * made on this node clears the room's entry at once; a change made on another node is seen here
 * within this window (viewers wait longer than this before reloading, see web/src/viewer/cart).
 */
export const VIEWER_CART_TTL_MS = 500;

export interface CartDeps {
  db: Db;
  clock: Clock;
  /** The live context's rooms: a cart is a room's, and a viewer finds it by the room's slug. */
  rooms: Pick<Rooms, 'bySlug' | 'ofShop'>;
  products: Pick<Products, 'byIds'>;
  listings: Pick<Listings, 'byIds' | 'idsOfMarketplace'>;
  commission: Pick<Commission, 'get'>;
  policy: Pick<LinkPolicyService, 'current'>;
  clickOut: Pick<ClickOut, 'codesFor'>;
  /** Publishes to everyone in the room (hutong.roomEvents.publish). */
  announce: (roomId: string, event: RoomEvent) => Promise<void>;
  /** How long click-outs are counted into one "going to buy" notice (default 1 s). */
  buyingWindowMs?: number;
}

/**
 * Each room's cart (the room's current cart, used by whatever show is live): own products and
 * external listings, in the host's order, and the pinned item (讲解卡). Changes are announced as
 * room events after they commit; the link policy is applied on every read, so a policy change is
 * effective at the next read and announced to the rooms it touches.
 */
export function createCart(deps: CartDeps) {
  const { db, clock } = deps;
  const viewerCache = new Map<string, { expires: number; cart: Promise<ViewerCart> }>();

  /** Every announcement goes through here: what changed a room's cart invalidates its cached view. */
  const announce = (roomId: string, event: RoomEvent) => {
    viewerCache.delete(roomId);
    return deps.announce(roomId, event);
  };

  async function buildViewerCart(shopId: string, roomId: string): Promise<ViewerCart> {
    const { items, pinned } = await studio(shopId, roomId);
    const visible = items.map(toViewerItem).filter((i): i is ViewerCartItem => i !== null);
    const pinnedItem = pinned && visible.find((i) => i.id === pinned.itemId);
    return { items: visible, pinned: pinnedItem ? { item: pinnedItem, pinnedAt: pinned.pinnedAt } : null };
  }

  const assertRoom = (shopId: string, roomId: string) => deps.rooms.ofShop(shopId, roomId);

  /** Runs `write` in a transaction that holds the room's cart lock, once the room is known to be the shop's. */
  async function writeCart<T>(shopId: string, roomId: string, write: (tx: Queryable) => Promise<T>): Promise<T> {
    await assertRoom(shopId, roomId);
    return db.transaction(async (tx) => {
      await cartRepo.lockRoom(tx, roomId);
      return write(tx);
    });
  }

  async function sources(shopId: string, roomId: string): Promise<CartSources> {
    const rows = await cartRepo.items(db, roomId);
    const productIds = rows.flatMap((r) => (r.productId ? [r.productId] : []));
    const listingIds = rows.flatMap((r) => (r.listingId ? [r.listingId] : []));
    const [products, listings, rates] = await Promise.all([
      deps.products.byIds(shopId, productIds),
      deps.listings.byIds(shopId, listingIds),
      deps.commission.get(shopId),
    ]);
    const policy = deps.policy.current();
    const linked = [...listings.values()].filter((l) => l.enabled && policy[l.marketplace].cart === 'link').map((l) => l.id);
    const codes = await deps.clickOut.codesFor(shopId, roomId, linked, 'cart');
    return { rows, products, listings, policy, codes, ownRateBp: rates.own };
  }

  async function studio(shopId: string, roomId: string) {
    const [items, pin] = await Promise.all([sources(shopId, roomId).then(studioItems), cartRepo.openPin(db, roomId)]);
    return { items, pinned: pin ? { itemId: pin.itemId, pinnedAt: pin.pinnedAt.toISOString() } : null };
  }

  const buying = createBuyingNotices({
    // The listings viewers see (numbered as viewers see them), from one read of the cart.
    itemsOf: async (shopId, roomId) =>
      studioItems(await sources(shopId, roomId))
        .filter((i) => i.kind === 'listing' && i.policy !== 'hidden')
        .map((i) => ({ id: i.id, number: i.number, title: i.title, listingId: i.refId })),
    announce: deps.announce,
    windowMs: deps.buyingWindowMs,
  });

  const changed = (roomId: string, reason: 'added' | 'removed' | 'reordered' | 'policy' | 'updated') =>
    announce(roomId, { type: 'cart.changed', reason });

  return {
    async studioCart(shopId: string, roomId: string): Promise<{ items: StudioCartItem[]; pinned: { itemId: string; pinnedAt: string } | null }> {
      await assertRoom(shopId, roomId);
      return studio(shopId, roomId);
    },

    /** Public: the cart of /live/SLUG as any viewer sees it, link policy applied. */
    async viewerCart(slug: string): Promise<ViewerCart> {
      const room = await deps.rooms.bySlug(slug);
      // Wall time of this process, not the business clock: this is a cache, not a deadline.
      const now = performance.now();
      const hit = viewerCache.get(room.id);
      if (hit && hit.expires > now) return hit.cart;
      // Concurrent readers share one build; a failed build is not kept.
      const cart = buildViewerCart(room.shopId, room.id);
      if (viewerCache.size > 10_000) viewerCache.clear();
      viewerCache.set(room.id, { expires: now + VIEWER_CART_TTL_MS, cart });
      cart.catch(() => viewerCache.delete(room.id));
      return cart;
    },

    /**
     * Public: one item of /live/SLUG's cart in full, for the product sheet. Only an item viewers can
     * see in this room's cart is found (another room's, or one the link policy hides, is not).
     */
    async viewerItem(slug: string, itemId: string): Promise<ViewerCartItemDetail> {
      const room = await deps.rooms.bySlug(slug);
      const item = (await studio(room.shopId, room.id)).items.find((i) => i.id === itemId);
      const visible = item && toViewerItem(item);
      if (!item || !visible) throw new AppError('LIVE_CART_ITEM_NOT_FOUND');
      if (item.kind === 'listing') return { ...visible, description: '', images: visible.imageUrl ? [visible.imageUrl] : [], options: [], skus: [] };
      const product = (await deps.products.byIds(room.shopId, [item.refId])).get(item.refId);
      if (!product) throw new AppError('LIVE_CART_ITEM_NOT_FOUND');
      return { ...visible, description: product.description, images: product.images.map((i) => i.url), options: product.options, skus: product.skus };
    },

    async add(shopId: string, roomId: string, ref: { productId: string } | { listingId: string }): Promise<StudioCartItem> {
      const productId = 'productId' in ref ? ref.productId : null;
      const listingId = 'listingId' in ref ? ref.listingId : null;
      // The referenced item must be this shop's: another shop's id is simply not found.
      if (productId && !(await deps.products.byIds(shopId, [productId])).has(productId)) throw new AppError('CATALOG_PRODUCT_NOT_FOUND');
      if (listingId && !(await deps.listings.byIds(shopId, [listingId])).has(listingId)) throw new AppError('CATALOG_LISTING_NOT_FOUND');
      const id = newId();
      await writeCart(shopId, roomId, async (tx) => {
        const rows = await cartRepo.items(tx, roomId);
        if (rows.some((r) => (productId && r.productId === productId) || (listingId && r.listingId === listingId))) {
          throw new AppError('LIVE_CART_ITEM_PRESENT');
        }
        if (rows.length >= CART_MAX_ITEMS) throw new AppError('LIVE_CART_FULL');
        await cartRepo.insert(tx, { id, shopId, roomId, productId, listingId, at: clock.now() });
      });
      await changed(roomId, 'added');
      return (await studio(shopId, roomId)).items.find((i) => i.id === id)!;
    },

    async remove(shopId: string, roomId: string, itemId: string): Promise<void> {
      const unpinned = await writeCart(shopId, roomId, async (tx) => {
        const open = await cartRepo.openPin(tx, roomId);
        const at = clock.now();
        const closed = open?.itemId === itemId ? await cartRepo.closePin(tx, roomId, at) : undefined;
        if (!(await cartRepo.delete(tx, shopId, roomId, itemId))) throw new AppError('LIVE_CART_ITEM_NOT_FOUND');
        return closed ? at : null;
      });
      if (unpinned) await announce(roomId, { type: 'product.unpinned', itemId, unpinnedAt: unpinned.toISOString() });
      await changed(roomId, 'removed');
    },

    /** `itemIds` must be exactly the cart's items, in the new order. */
    async reorder(shopId: string, roomId: string, itemIds: readonly string[]): Promise<void> {
      await writeCart(shopId, roomId, async (tx) => {
        const current = (await cartRepo.items(tx, roomId)).map((r) => r.id);
        const same = itemIds.length === current.length && new Set(itemIds).size === itemIds.length && itemIds.every((id) => current.includes(id));
        if (!same) throw new AppError('LIVE_CART_ORDER_MISMATCH');
        await cartRepo.setPositions(tx, roomId, itemIds);
      });
      await changed(roomId, 'reordered');
    },

    /**
     * Pins the item being explained, unpinning the previous one in the same transaction. The room's
     * cart lock serialises pins of one room; the partial unique index on open pins backs it up.
     */
    async pin(shopId: string, roomId: string, itemId: string): Promise<{ itemId: string; pinnedAt: string }> {
      const room = await assertRoom(shopId, roomId);
      const item = (await studio(shopId, roomId)).items.find((i) => i.id === itemId);
      if (!item) throw new AppError('LIVE_CART_ITEM_NOT_FOUND');
      const visible = toViewerItem(item);
      if (!visible) throw new AppError('LIVE_CART_ITEM_HIDDEN');
      const at = clock.now();
      await writeCart(shopId, roomId, async (tx) => {
        await cartRepo.closePin(tx, roomId, at);
        const pinId = newId();
        await cartRepo.insertPin(tx, { id: pinId, shopId, roomId, itemId, kind: item.kind, refId: item.refId, title: item.title, at });
        // item.pinned for partners (webhooks), in the pin's own transaction: a crash loses neither or both.
        await cartOutbox.emit(tx, shopId, {
          pinId, roomId, roomSlug: room.slug, itemId, number: item.number, kind: item.kind,
          productId: item.kind === 'product' ? item.refId : null, listingId: item.kind === 'listing' ? item.refId : null,
          title: item.title, pinnedAt: at.toISOString(),
        }, at);
      });
      await announce(roomId, { type: 'product.pinned', item: visible, pinnedAt: at.toISOString() });
      return { itemId, pinnedAt: at.toISOString() };
    },

    async unpin(shopId: string, roomId: string): Promise<void> {
      const at = clock.now();
      const closed = await writeCart(shopId, roomId, (tx) => cartRepo.closePin(tx, roomId, at));
      if (closed?.itemId) await announce(roomId, { type: 'product.unpinned', itemId: closed.itemId, unpinnedAt: at.toISOString() });
    },

    /**
     * The cart's outbox (item.pinned), for readers in other contexts (webhooks): committed events
     * after `after` (a cursor from a previous read; none: from the start), oldest first.
     */
    outbox: { read: (options: { after?: string | undefined; limit: number }) => cartOutbox.read(db, options), prune: ((options) => cartOutbox.prune(db, options)) as OutboxPrune },

    /** Pins of a shop's room (the host's and the replay's view). */
    async pinsOfRoom(shopId: string, roomId: string, window: { from?: Date; to?: Date }, query: PageQuery): Promise<Page<PinRecord>> {
      await assertRoom(shopId, roomId);
      return cartRepo.pinsPage(db, roomId, window.from ?? null, window.to ?? null, query);
    },

    /** For replay chapters: the pins of a room overlapping a show's time window. */
    pins: (roomId: string, window: { from?: Date; to?: Date } = {}): Promise<PinRecord[]> =>
      cartRepo.pins(db, roomId, window.from ?? null, window.to ?? null),

    /**
     * For the catalog's change hook: notes the rooms whose cart holds the item before it changes (a
     * deletion takes the cart rows with it), and tells them to reload once the change has committed.
     */
    async itemChange(ref: { productId: string } | { listingId: string }): Promise<() => Promise<void>> {
      const rooms = await cartRepo.roomsWith(db, ref);
      return async () => {
        for (const roomId of rooms) await changed(roomId, 'updated');
      };
    },

    /** A viewer clicked out to buy a listing of this room's cart (links context): counted into a notice. */
    noteBuying: (click: BuyingClick) => buying.note(click),

    /** Tells every room whose cart shows the changed marketplace's listings to fetch it again. */
    async announcePolicyChange(change: PolicyChange): Promise<void> {
      if (change.scene !== 'cart') return;
      const listingIds = await deps.listings.idsOfMarketplace(change.marketplace);
      if (change.after === 'hidden') {
        // An explaining card of a marketplace just hidden comes down everywhere at once.
        const at = clock.now();
        for (const { roomId, itemId } of await cartRepo.closePinsOfListings(db, listingIds, at)) {
          await announce(roomId, { type: 'product.unpinned', itemId, unpinnedAt: at.toISOString() });
        }
      }
      for (const roomId of await cartRepo.roomsWithListings(db, listingIds)) await changed(roomId, 'policy');
    },
  };
}

export type Cart = ReturnType<typeof createCart>;
