/** Realtime: the room event channel (hubs, presence and chat arrive with the live-room work). */
export { createRoomEvents, roomEventsTopic, type RoomEvents } from './room-events';
