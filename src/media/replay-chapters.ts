import type { PinRecord } from '../contracts/cart.schemas';
import type { Chapter, Show } from '../contracts/media.schemas';

/** The room cart's pins overlapping a time window (the cart context's public `pins`). */
export type PinsOf = (roomId: string, window: { from?: Date; to?: Date }) => Promise<PinRecord[]>;

/**
 * A replay's chapters: each pin of the room during the show, as an offset into the recording. A pin
 * made before the recording began (the host pinned, then started OBS) counts from 0.
 */
export async function replayChapters(show: Show, pins: PinsOf): Promise<Chapter[]> {
  const startedAt = show.recordingStartedAt ?? show.startedAt;
  if (!startedAt) return [];
  const start = new Date(startedAt);
  const during = await pins(show.roomId, { from: start, ...(show.endedAt ? { to: new Date(show.endedAt) } : {}) });
  return during.map((p) => ({
    kind: p.kind,
    refId: p.refId,
    title: p.title,
    offsetSeconds: Math.max(0, Math.round((new Date(p.pinnedAt).getTime() - start.getTime()) / 100) / 10),
  }));
}
