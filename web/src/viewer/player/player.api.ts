import { roomPlaybackAnswer, type RoomPlayback } from '../../../../src/contracts/media.schemas';
import { api } from '../../api/client';

/** Public: what the room plays now (live URLs, or the replay and its chapters). */
export const fetchPlayback = async (slug: string, signal: AbortSignal): Promise<RoomPlayback> =>
  (await api.get(`/api/v1/rooms/${encodeURIComponent(slug)}/playback`, roomPlaybackAnswer, signal)).playback;
