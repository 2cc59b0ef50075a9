import type { Db } from '../platform/db/db.port';
import { minutesRepo, type MinuteSample } from './minutes.repo';

/** A live show's audience as this node's hub shows it (realtime's `liveAudiences`). */
export interface SampledAudience {
  roomId: string;
  slug: string;
  shopId: string;
  showId: string;
  counts: { online: number; pcu: number; views: number; unique: number; likes: number };
  chat: number;
}

export const MINUTE_MS = 60_000;
export const minuteOf = (ms: number): number => Math.floor(ms / MINUTE_MS) * MINUTE_MS;

interface Running {
  at: number;
  online: number;
  /** Watch seconds and peak online per minute start, for the minutes not yet closed. */
  minutes: Map<number, { watch: number; peak: number }>;
}

/**
 * Samples the audience of every live show with a hub on this node and writes it into the show's
 * minute. Views, unique viewers, likes, chat and the peak are the room's running totals, the same
 * on every node (realtime merges them: docs/audience.md); watch seconds are online × time between
 * samples, integrated here. Both are merged with what other nodes wrote by GREATEST, so any number
 * of nodes sampling the same show write the figures of one.
 *
 * Between two samples online is taken to be what the earlier one saw; a gap longer than `maxGapMs`
 * (this node just opened the room's hub, or stalled) integrates nothing.
 */
export function createAudienceSampler(deps: {
  db: Db;
  now: () => number;
  audiences: () => Promise<SampledAudience[]>;
  maxGapMs: number;
}) {
  const running = new Map<string, Running>();

  function integrate(r: Running, until: number): void {
    let from = r.at;
    while (from < until) {
      const minute = minuteOf(from);
      const to = Math.min(until, minute + MINUTE_MS);
      const m = r.minutes.get(minute) ?? { watch: 0, peak: 0 };
      m.watch += (r.online * (to - from)) / 1000;
      m.peak = Math.max(m.peak, r.online);
      r.minutes.set(minute, m);
      from = to;
    }
  }

  return {
    /** One sample of every live show on this node; resolves when written. */
    async sample(): Promise<number> {
      const now = deps.now();
      const audiences = await deps.audiences();
      const seen = new Set<string>();
      for (const a of audiences) {
        seen.add(a.showId);
        const online = a.counts.online;
        let r = running.get(a.showId);
        if (!r || now - r.at > deps.maxGapMs) r = { at: now, online, minutes: new Map() };
        else integrate(r, now);
        r.at = now;
        r.online = online;
        const minute = minuteOf(now);
        const current = r.minutes.get(minute) ?? { watch: 0, peak: 0 };
        current.peak = Math.max(current.peak, online);
        r.minutes.set(minute, current);
        running.set(a.showId, r);
        const totals = { pcu: Math.max(a.counts.pcu, online), views: a.counts.views, unique: a.counts.unique, likes: a.counts.likes, chat: a.chat };
        await deps.db.transaction(async (tx) => {
          await minutesRepo.ensureShow(tx, a, new Date(now));
          for (const [start, m] of r.minutes) {
            // A closed minute gets the rest of its watch seconds only: today's totals belong to this minute.
            const running = start === minute ? totals : { pcu: 0, views: 0, unique: 0, likes: 0, chat: 0 };
            const sample: MinuteSample = { ...running, onlinePeak: m.peak, watchSeconds: m.watch };
            await minutesRepo.sample(tx, a.showId, new Date(start), sample, { online, at: new Date(now), slug: a.slug });
          }
        });
        // Written: a closed minute will not change again on this node.
        for (const start of r.minutes.keys()) if (start < minute) r.minutes.delete(start);
      }
      for (const showId of running.keys()) if (!seen.has(showId)) running.delete(showId);
      return audiences.length;
    },
  };
}

export type AudienceSampler = ReturnType<typeof createAudienceSampler>;
