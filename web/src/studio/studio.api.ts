import { typed } from '../api/client';
import { sdk, type Answer, type Body } from '../api/sdk';
import type { PageOf } from '../api/use-pages';

export type Room = Answer<'/api/v1/shops/{shopId}/rooms/{roomId}'>['room'];

export const listRooms = async (shopId: string, after: string | undefined, signal: AbortSignal): Promise<PageOf<Room>> => {
  const { rooms, next } = await typed(sdk.GET('/api/v1/shops/{shopId}/rooms', { params: { path: { shopId }, query: { after } }, signal }), signal);
  return { items: rooms, next };
};

export const getRoom = async (shopId: string, roomId: string, signal: AbortSignal): Promise<Room> =>
  (await typed(sdk.GET('/api/v1/shops/{shopId}/rooms/{roomId}', { params: { path: { shopId, roomId } }, signal }), signal)).room;

export const createRoom = async (shopId: string, body: Body<'/api/v1/shops/{shopId}/rooms', 'post'>): Promise<Room> =>
  (await typed(sdk.POST('/api/v1/shops/{shopId}/rooms', { params: { path: { shopId } }, body }))).room;
