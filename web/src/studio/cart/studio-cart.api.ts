import { z } from 'zod';
import { studioCartAnswer, studioCartItem } from '../../../../src/contracts/cart.schemas';
import { listingsAnswer, productsAnswer } from '../../../../src/contracts/catalog.schemas';
import { roomsAnswer } from '../../../../src/contracts/live.schemas';
import { api } from '../../api/client';

const shop = (shopId: string) => `/api/v1/shops/${encodeURIComponent(shopId)}`;
const cartPath = (shopId: string, roomId: string) => `${shop(shopId)}/rooms/${encodeURIComponent(roomId)}/cart`;

/** Everything the host's cart screen shows: the room, its cart, and what could go in it. */
export async function loadCartScreen(shopId: string, roomId: string, signal: AbortSignal) {
  const [rooms, cart, products, listings] = await Promise.all([
    api.get(`${shop(shopId)}/rooms`, roomsAnswer, signal),
    api.get(cartPath(shopId, roomId), studioCartAnswer, signal),
    api.get(`${shop(shopId)}/products`, productsAnswer, signal),
    api.get(`${shop(shopId)}/listings`, listingsAnswer, signal),
  ]);
  return { room: rooms.rooms.find((r) => r.id === roomId), cart, products: products.products, listings: listings.listings };
}

export const addToCart = (shopId: string, roomId: string, ref: { productId: string } | { listingId: string }) =>
  api.post(`${cartPath(shopId, roomId)}/items`, ref, z.object({ item: studioCartItem }));

export const removeFromCart = (shopId: string, roomId: string, itemId: string) =>
  api.delete(`${cartPath(shopId, roomId)}/items/${encodeURIComponent(itemId)}`);

export const reorderCart = (shopId: string, roomId: string, itemIds: string[]) =>
  api.post(`${cartPath(shopId, roomId)}/order`, { itemIds }, studioCartAnswer);

export const pinItem = (shopId: string, roomId: string, itemId: string) =>
  api.post(`${cartPath(shopId, roomId)}/pin`, { itemId }, z.object({ pinned: z.object({ itemId: z.string(), pinnedAt: z.string() }) }));

export const unpinItem = (shopId: string, roomId: string) => api.postEmpty(`${cartPath(shopId, roomId)}/unpin`);
