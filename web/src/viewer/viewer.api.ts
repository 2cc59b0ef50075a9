import { publicRoomAnswer } from '../../../src/contracts/live.schemas';
import { api } from '../api/client';

/** Public: any visitor may read a room, logged in or not. */
export const fetchRoom = async (slug: string, signal: AbortSignal) =>
  (await api.get(`/api/v1/rooms/${encodeURIComponent(slug)}`, publicRoomAnswer, signal)).room;
