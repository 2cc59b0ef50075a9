import { z } from 'zod';
import { studioCartAnswer, studioCartItem } from '../../../../src/contracts/cart.schemas';
import { listingsAnswer, productsAnswer } from '../../../../src/contracts/catalog.schemas';
import { roomAnswer } from '../../../../src/contracts/live.schemas';
import { api } from '../../api/client';
import { withCursor } from '../../api/use-pages';

const shop = (shopId: string) => `/api/v1/shops/${encodeURIComponent(shopId)}`;
const cartPath = (shopId: string, roomId: string) => `${shop(shopId)}/rooms/${encodeURIComponent(roomId)}/cart`;

/** The room and its cart, as the host's cart screen shows them. */
export async function loadCartScreen(shopId: string, roomId: string, signal: AbortSignal) {
  const [room, cart] = await Promise.all([
    api.get(`${shop(shopId)}/rooms/${encodeURIComponent(roomId)}`, roomAnswer, signal),
    api.get(cartPath(shopId, roomId), studioCartAnswer, signal),
  ]);
  return { room: room.room, cart };
}

/** What could go in the cart, a page at a time: the shop's products, then its external listings. */
export const productsPage = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { products, next } = await api.get(withCursor(`${shop(shopId)}/products`, after), productsAnswer, signal);
  return { items: products, next };
};
export const listingsPage = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { listings, next } = await api.get(withCursor(`${shop(shopId)}/listings`, after), listingsAnswer, signal);
  return { items: listings, next };
};

export const addToCart = (shopId: string, roomId: string, ref: { productId: string } | { listingId: string }) =>
  api.post(`${cartPath(shopId, roomId)}/items`, ref, z.object({ item: studioCartItem }));

export const removeFromCart = (shopId: string, roomId: string, itemId: string) =>
  api.delete(`${cartPath(shopId, roomId)}/items/${encodeURIComponent(itemId)}`);

export const reorderCart = (shopId: string, roomId: string, itemIds: string[]) =>
  api.post(`${cartPath(shopId, roomId)}/order`, { itemIds }, studioCartAnswer);

export const pinItem = (shopId: string, roomId: string, itemId: string) =>
  api.post(`${cartPath(shopId, roomId)}/pin`, { itemId }, z.object({ pinned: z.object({ itemId: z.string(), pinnedAt: z.string() }) }));

export const unpinItem = (shopId: string, roomId: string) => api.postEmpty(`${cartPath(shopId, roomId)}/unpin`);
