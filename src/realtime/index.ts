/** Realtime: the room event channel, room hubs and the socket gateway, chat and its moderation. */
export { createRoomEvents, roomEventsTopic, type RoomEvents } from './room-events';
export { createRealtime, type Realtime, type RealtimeOptions } from './realtime.service';
export type { HubMetrics } from './hub';
export { realtimeRoutes } from './realtime.routes';
export { parseCookie } from './cookie';
export { realtimeSecret } from './secret';
