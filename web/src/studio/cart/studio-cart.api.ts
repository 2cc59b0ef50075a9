import { typed } from '../../api/client';
import { sdk, type Answer } from '../../api/sdk';

export type StudioCart = Answer<'/api/v1/shops/{shopId}/rooms/{roomId}/cart'>;
export type StudioCartItem = StudioCart['items'][number];

const room = (shopId: string, roomId: string) => ({ path: { shopId, roomId } });

/** The room and its cart, as the host's cart screen shows them. */
export async function loadCartScreen(shopId: string, roomId: string, signal: AbortSignal) {
  const [room, cart] = await Promise.all([
    typed(sdk.GET('/api/v1/shops/{shopId}/rooms/{roomId}', { params: { path: { shopId, roomId } }, signal }), signal),
    typed(sdk.GET('/api/v1/shops/{shopId}/rooms/{roomId}/cart', { params: { path: { shopId, roomId } }, signal }), signal),
  ]);
  return { room: room.room, cart };
}

/** What could go in the cart, a page at a time: the shop's products, then its external listings. */
export const productsPage = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { products, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/products', { params: { path: { shopId }, query: { after } }, signal }), signal);
  return { items: products, next };
};
export const listingsPage = async (shopId: string, after: string | undefined, signal: AbortSignal) => {
  const { listings, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/listings', { params: { path: { shopId }, query: { after } }, signal }), signal);
  return { items: listings, next };
};

export const addToCart = (shopId: string, roomId: string, ref: { productId: string } | { listingId: string }) =>
  typed(sdk.POST('/api/v1/shops/{shopId}/rooms/{roomId}/cart/items', { params: room(shopId, roomId), body: ref }));

export const removeFromCart = async (shopId: string, roomId: string, itemId: string): Promise<void> => {
  await typed(sdk.DELETE('/api/v1/shops/{shopId}/rooms/{roomId}/cart/items/{itemId}', { params: { path: { shopId, roomId, itemId } } }));
};

export const reorderCart = (shopId: string, roomId: string, itemIds: string[]) =>
  typed(sdk.POST('/api/v1/shops/{shopId}/rooms/{roomId}/cart/order', { params: room(shopId, roomId), body: { itemIds } }));

export const pinItem = (shopId: string, roomId: string, itemId: string) =>
  typed(sdk.POST('/api/v1/shops/{shopId}/rooms/{roomId}/cart/pin', { params: room(shopId, roomId), body: { itemId } }));

export const unpinItem = async (shopId: string, roomId: string): Promise<void> => {
  await typed(sdk.POST('/api/v1/shops/{shopId}/rooms/{roomId}/cart/unpin', { params: room(shopId, roomId) }));
};
