import { z } from 'zod';
import { currency } from './catalog.schemas';
import { linkMode, marketplace } from './links.schemas';
import { shopParams } from './identity.schemas';
import { pageAnswer } from './pagination.schemas';

/**
 * A room's cart (购物车): own products and external listings side by side, numbered 1号链接,
 * 2号链接… in the host's order, and the item being explained (讲解卡), pinned one at a time.
 */

/** How a viewer leaves for an external listing, after the link policy is applied on the server. */
export const cartLink = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('link'), url: z.string() }),
  z.object({ mode: z.literal('token'), token: z.string() }),
]);

/** An item as every viewer sees it. Hidden listings never appear in this shape. */
export const viewerCartItem = z.object({
  id: z.string().uuid(),
  number: z.number().int().min(1),
  kind: z.enum(['product', 'listing']),
  title: z.string(),
  priceMinor: z.number().int().nullable(),
  currency,
  imageUrl: z.string().nullable(),
  /** 'own' for the shop's products. */
  marketplace: z.union([marketplace, z.literal('own')]),
  /** Own products: stock left and whether there are SKUs to choose. */
  stock: z.number().int().nullable(),
  hasSkus: z.boolean(),
  /** External listings only; null for own products (bought in the room). */
  link: cartLink.nullable(),
  /** Own products: the product an order names (POST /orders); null for external listings. */
  productId: z.string().uuid().nullable(),
  /** External listings: the listing a share names (POST /shares `{ listing }`); null for own products. */
  listingId: z.string().uuid().nullable(),
});
export type ViewerCartItem = z.infer<typeof viewerCartItem>;

export const viewerPin = z.object({ item: viewerCartItem, pinnedAt: z.string() });
export const viewerCartAnswer = z.object({
  items: z.array(viewerCartItem),
  pinned: viewerPin.nullable(),
});
export type ViewerCart = z.infer<typeof viewerCartAnswer>;

/** The host's view: every item, including those the policy hides from viewers. */
export const studioCartItem = viewerCartItem.extend({
  refId: z.string().uuid(),
  /** The mode viewers get in the cart scene; `hidden` items are not shown to them. */
  policy: z.union([linkMode, z.literal('own')]),
  commissionRateBp: z.number().int(),
  addedAt: z.string(),
});
export type StudioCartItem = z.infer<typeof studioCartItem>;
export const studioCartAnswer = z.object({
  items: z.array(studioCartItem),
  pinned: z.object({ itemId: z.string().uuid(), pinnedAt: z.string() }).nullable(),
});

export const cartParams = shopParams.extend({ roomId: z.string().uuid() });
export const cartItemParams = cartParams.extend({ itemId: z.string().uuid() });
export const addCartItemBody = z.union([
  z.object({ productId: z.string().uuid() }).strict(),
  z.object({ listingId: z.string().uuid() }).strict(),
]);
export const reorderCartBody = z.object({ itemIds: z.array(z.string().uuid()).min(1).max(200) });
export const pinBody = z.object({ itemId: z.string().uuid() });

/** One explaining moment: replay chapters are these windows on the show's timeline. */
export const pinRecord = z.object({
  id: z.string().uuid(),
  itemId: z.string().uuid().nullable(),
  kind: z.enum(['product', 'listing']),
  refId: z.string().uuid(),
  title: z.string(),
  pinnedAt: z.string(),
  unpinnedAt: z.string().nullable(),
});
export type PinRecord = z.infer<typeof pinRecord>;
export const pinsAnswer = pageAnswer('pins', pinRecord);
