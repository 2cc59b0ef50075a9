/** Live: rooms (the one lookup every context uses), their shows and stream keys. */
export { createRooms, type Rooms, type RoomRecord } from './rooms.service';
export { roomsRoutes } from './rooms.routes';
export { createShows, type Shows, type LiveShow } from './shows.service';
export type { LiveEvent, LiveEventType, ShowEventData } from './outbox';
export { createStreamKeys, type StreamKeys } from './stream-keys.service';
export { showsRoutes } from './shows.routes';
// discovery: shows live now, upcoming and replays across shops; a shop's rooms
export { createDiscovery, type Discovery } from './discovery.service';
export { discoveryRoutes } from './discovery.routes';
