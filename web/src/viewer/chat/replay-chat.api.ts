import { typed } from '../../api/client';
import { sdk, type Answer } from '../../api/sdk';

export type ReplayChatMessage = Answer<'/api/v1/rooms/{slug}/replays/{showId}/chat'>['messages'][number];

/** Public: a replay's stored chat in recorded order, each line with its offset into the recording. */
export const fetchReplayChat = (slug: string, showId: string, o: { limit: number; after?: string | null | undefined }, signal?: AbortSignal) =>
  typed(
    sdk.GET('/api/v1/rooms/{slug}/replays/{showId}/chat', { params: { path: { slug, showId }, query: { limit: o.limit, after: o.after || undefined } }, signal }),
    signal,
  );
