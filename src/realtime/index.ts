/** Realtime: the room event channel, room hubs and the socket gateway, chat and its moderation. */
export { createRoomEvents, type RoomEvents } from './room-events';
export { roomEventsTopic } from './topics';
export { createRealtime, type LiveAudience, type Realtime, type RealtimeOptions } from './realtime.service';
export type { HubMetrics } from './hub';
export { realtimeRoutes } from './realtime.routes';
export { parseCookie } from './cookie';
export { replayChatRoutes } from './replay-chat.routes';
