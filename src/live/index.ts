/** Live: rooms (shows, stream keys and the room cart arrive with the live-video and cart work). */
export { createRooms, type Rooms } from './rooms.service';
export { roomsRoutes } from './rooms.routes';
// live video: shows and stream keys
export { createShows, type Shows, type LiveShow } from './shows.service';
export { createStreamKeys, type StreamKeys } from './stream-keys.service';
export { showsRoutes } from './shows.routes';
export { streamKeySealingKey } from './stream-keys.sealing';
// room cart: items of both kinds, numbered; the pinned item (讲解卡); pins for replay chapters (`cart.pins`)
export { createCart, CART_MAX_ITEMS, type Cart } from './cart.service';
export { cartRoutes } from './cart.routes';
