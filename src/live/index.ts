/** Live: rooms (shows, stream keys and the room cart arrive with the live-video and cart work). */
export { createRooms, type Rooms } from './rooms.service';
export { roomsRoutes } from './rooms.routes';
