import { replayChatAnswer } from '../../../../src/contracts/realtime.schemas';
import { api } from '../../api/client';

/** Public: a replay's stored chat in recorded order, each line with its offset into the recording. */
export const fetchReplayChat = (slug: string, showId: string, o: { limit: number; after?: string | null | undefined }, signal?: AbortSignal) => {
  const q = new URLSearchParams({ limit: String(o.limit) });
  if (o.after) q.set('after', o.after);
  return api.get(`/api/v1/rooms/${encodeURIComponent(slug)}/replays/${encodeURIComponent(showId)}/chat?${q}`, replayChatAnswer, signal);
};
