import { z } from 'zod';
import { viewerCartItem } from './cart.schemas';
import { roomFlashSale } from './sales-campaigns.schemas';
import { roomCoupon } from './sales-coupons.schemas';

/**
 * Room events: what other contexts announce to everyone in a room (the show went live, a product
 * is pinned, a sale started, stock left). The realtime hub delivers them to every viewer socket.
 * Each context adds its own event types here, as members of the union, in its own section.
 */

// live: shows
export const showStateEvent = z.object({
  type: z.literal('show.state'),
  showId: z.string().uuid(),
  state: z.enum(['scheduled', 'live', 'ended', 'cancelled']),
});

// live: the room cart and the explaining card (讲解卡)
/** The cart changed (items, order, or what the link policy lets viewers see): fetch it again. */
export const cartChangedEvent = z.object({
  type: z.literal('cart.changed'),
  /** updated: an item's product or listing changed (price, title, picture, enabled) or was deleted. */
  reason: z.enum(['added', 'removed', 'reordered', 'policy', 'updated']),
});
/** The item being explained, as viewers see it (link policy already applied). */
export const productPinnedEvent = z.object({
  type: z.literal('product.pinned'),
  item: viewerCartItem,
  pinnedAt: z.string(),
});
export const productUnpinnedEvent = z.object({
  type: z.literal('product.unpinned'),
  itemId: z.string().uuid(),
  unpinnedAt: z.string(),
});

/**
 * Viewers just left for the marketplace to buy a cart item ("3 people are going to buy #2"):
 * click-outs of one room are coalesced to at most one event per item a second, so a rush never
 * floods the room (events are never sampled out). Who clicked is never said.
 */
export const itemBuyingEvent = z.object({
  type: z.literal('item.buying'),
  itemId: z.string().uuid(),
  number: z.number().int().min(1),
  title: z.string(),
  count: z.number().int().min(1),
});

// sales: flash sales, purchases and coupons (docs/sales.md, "In the room")
/** A flash sale opened: the countdown and the stock left start here. */
export const saleStartedEvent = z.object({ type: z.literal('sale.started'), sale: roomFlashSale });
/** Units left in a flash sale: at most one per sale per node per tick, however many sold in it. */
export const saleStockEvent = z.object({ type: z.literal('sale.stock'), saleId: z.string().uuid(), left: z.number().int().nonnegative() });
export const saleSoldOutEvent = z.object({ type: z.literal('sale.soldOut'), saleId: z.string().uuid() });
export const saleEndedEvent = z.object({ type: z.literal('sale.ended'), saleId: z.string().uuid() });
/** "Someone just bought X": orders placed in the room in the last tick, per product. Who bought is never said. */
export const saleBoughtEvent = z.object({
  type: z.literal('sale.bought'),
  productId: z.string().uuid(),
  title: z.string(),
  count: z.number().int().min(1),
});
/** The host dropped a coupon into the room: viewers may claim it now. */
export const couponDroppedEvent = z.object({ type: z.literal('coupon.dropped'), coupon: roomCoupon });

export const roomEvent = z.discriminatedUnion('type', [
  cartChangedEvent, productPinnedEvent, productUnpinnedEvent, itemBuyingEvent, showStateEvent,
  saleStartedEvent, saleStockEvent, saleSoldOutEvent, saleEndedEvent, saleBoughtEvent, couponDroppedEvent,
]);
export type RoomEvent = z.infer<typeof roomEvent>;
