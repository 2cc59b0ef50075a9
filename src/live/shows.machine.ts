import type { ShowState } from '../contracts/media.schemas';

/**
 * The show lifecycle as data: scheduled → live → ended, or scheduled → cancelled (called off before
 * it started: never shown as a show that ran). A transition not in the table is refused;
 * repeated or late ingest events (a second publish of a live show, a stop of an ended one) are
 * therefore no-ops rather than errors, which is what node-media-server's and nginx-rtmp's
 * duplicate notifications need.
 */
export type ShowEvent = 'goLive' | 'end' | 'cancel';

export const showTransitions: Record<ShowState, Partial<Record<ShowEvent, ShowState>>> = {
  scheduled: { goLive: 'live', cancel: 'cancelled' },
  live: { end: 'ended' },
  ended: {},
  cancelled: {},
};

/** The state after `event`, or null when the table has no such transition. */
export const nextShowState = (from: ShowState, event: ShowEvent): ShowState | null => showTransitions[from][event] ?? null;
