import { roomAnswer, roomsAnswer, type Room } from '../../../src/contracts/live.schemas';
import { api } from '../api/client';
import { withCursor, type PageOf } from '../api/use-pages';

const roomsPath = (shopId: string) => `/api/v1/shops/${encodeURIComponent(shopId)}/rooms`;

export const listRooms = async (shopId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<Room>> => {
  const { rooms, next } = await api.get(withCursor(roomsPath(shopId), after), roomsAnswer, signal);
  return { items: rooms, next };
};

export const getRoom = async (shopId: string, roomId: string, signal: AbortSignal): Promise<Room> =>
  (await api.get(`${roomsPath(shopId)}/${encodeURIComponent(roomId)}`, roomAnswer, signal)).room;

export const createRoom = async (shopId: string, body: { slug: string; title: string }): Promise<Room> =>
  (await api.post(roomsPath(shopId), body, roomAnswer)).room;
