import { typed } from '../../api/client';
import { sdk, type Answer } from '../../api/sdk';

export type RoomPlayback = Answer<'/api/v1/rooms/{slug}/playback'>['playback'];

/** Public: what the room plays now (live URLs, or the replay and its chapters). */
export const fetchPlayback = async (slug: string, signal: AbortSignal): Promise<RoomPlayback> =>
  (await typed(sdk.GET('/api/v1/rooms/{slug}/playback', { params: { path: { slug } }, signal }), signal)).playback;
