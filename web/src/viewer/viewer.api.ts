import { typed } from '../api/client';
import { sdk, type Answer } from '../api/sdk';

export type PublicRoom = Answer<'/api/v1/rooms/{slug}'>['room'];

/** Public: any visitor may read a room, logged in or not. */
export const fetchRoom = async (slug: string, signal: AbortSignal): Promise<PublicRoom> =>
  (await typed(sdk.GET('/api/v1/rooms/{slug}', { params: { path: { slug } }, signal }), signal)).room;
