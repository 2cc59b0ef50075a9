import { roomAnswer, roomsAnswer, type Room } from '../../../src/contracts/live.schemas';
import { api } from '../api/client';

const roomsPath = (shopId: string) => `/api/v1/shops/${encodeURIComponent(shopId)}/rooms`;

export const listRooms = async (shopId: string, signal: AbortSignal): Promise<Room[]> =>
  (await api.get(roomsPath(shopId), roomsAnswer, signal)).rooms;

export const createRoom = async (shopId: string, body: { slug: string; title: string }): Promise<Room> =>
  (await api.post(roomsPath(shopId), body, roomAnswer)).room;
