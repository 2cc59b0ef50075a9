/** The web app's realtime client: one socket per room, shared by these hooks (see hooks.ts). */
export { useRoomEvents, useRoomLive, type RoomLive } from './hooks';
export type { SocketStatus } from './room-socket';
