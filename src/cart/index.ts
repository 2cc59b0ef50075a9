/**
 * Cart: each room's cart — own products and external listings side by side, numbered in the host's
 * order — the pinned item being explained (讲解卡), pins for replay chapters (`cart.pins`), and the
 * "going to buy" notices made from click-outs. Sales builds on this surface.
 */
export { createCart, CART_MAX_ITEMS, VIEWER_CART_TTL_MS, type Cart, type CartDeps } from './cart.service';
export { cartRoutes } from './cart.routes';
export type { BuyingClick } from './buying-notices';
export type { CartEvent, ItemPinnedData } from './outbox';
