import { z } from 'zod';
import { text } from './text.schemas';
import { pageAnswer } from './pagination.schemas';

/** Live video: shows, stream keys, ingest status and playback, shared by the API and the web app. */

/** A show that never started and was called off is `cancelled`, never `ended` (which means it ran). */
export const showState = z.enum(['scheduled', 'live', 'ended', 'cancelled']);
export type ShowState = z.infer<typeof showState>;

export const show = z.object({
  id: z.string().uuid(),
  roomId: z.string().uuid(),
  title: z.string(),
  coverUrl: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  state: showState,
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  recordingStartedAt: z.string().nullable(),
  hasReplay: z.boolean(),
});
export type Show = z.infer<typeof show>;

const httpsOrHttpUrl = text({ max: 2000 })
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

export const createShowBody = z.object({
  title: text({ max: 80 }),
  coverUrl: httpsOrHttpUrl.optional(),
  scheduledAt: z.string().datetime({ offset: true }),
});
export const showAnswer = z.object({ show });
export const showsAnswer = pageAnswer('shows', show);
export const roomParams = z.object({ shopId: z.string().uuid(), roomId: z.string().uuid() });
export const showParams = z.object({ showId: z.string().uuid() });

/** The publishing address a host pastes into OBS: server URL and key are separate fields there. */
export const streamKeyAnswer = z.object({ rtmpUrl: z.string(), streamKey: z.string(), rotatedAt: z.string() });

/** What the ingest sees of a room's incoming stream (null figures: not known yet). */
export const ingestStatus = z.object({
  state: z.enum(['offline', 'publishing', 'reconnecting']),
  bitrateKbps: z.number().nullable(),
  fps: z.number().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
});
export type IngestStatus = z.infer<typeof ingestStatus>;
/** With the RTMP server URL (not a secret), so the studio shows it without fetching the key. */
export const ingestAnswer = z.object({ ingest: ingestStatus, rtmpUrl: z.string() });

/** A product (or external listing) the host explained, as a jump point into the recording. */
export const chapter = z.object({
  kind: z.enum(['product', 'listing']),
  refId: z.string().uuid(),
  title: z.string(),
  offsetSeconds: z.number(),
});
export type Chapter = z.infer<typeof chapter>;

/**
 * What a viewer of /live/SLUG needs to play: the show to present (live, else the next scheduled,
 * else the last ended one), where to play it live, and the latest replay with its chapters.
 */
/** A show's recording to play, with a chapter per product explained. */
export const replay = z.object({ showId: z.string().uuid(), title: z.string(), hls: z.string(), chapters: z.array(chapter) });
export const roomPlayback = z.object({
  show: show.nullable(),
  live: z.object({ flv: z.string(), hls: z.string().nullable() }).nullable(),
  /** The last ended show's recording: the show itself when it has ended, else the previous one. */
  replay: replay.nullable(),
});
export type RoomPlayback = z.infer<typeof roomPlayback>;
export const roomPlaybackAnswer = z.object({ playback: roomPlayback });
/** Any show's replay, for the shop (a report links to it); null while it has no recording. */
export const showReplayParams = roomParams.extend({ showId: z.string().uuid() });
export const showReplayAnswer = z.object({ replay: replay.nullable() });
