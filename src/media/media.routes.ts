import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../contracts/media.schemas';
import { roomSlugParams } from '../contracts/live.schemas';
import type { Access } from '../identity';
import type { Rooms, Shows } from '../live';
import type { Media } from './media.service';
import { replayChapters, type PinsOf } from './replay-chapters';
import { AppError } from '../kernel/app-error';

const tags = ['media'];

/** API routes of the media context (under /api/v1): what to play in a room, and the ingest's view for the host. */
export interface MediaRoutesDeps {
  media: Media;
  rooms: Pick<Rooms, 'bySlug' | 'ofShop'>;
  shows: Pick<Shows, 'presentedIn' | 'lastReplay' | 'get'>;
  /** The cart's pins, for the replay's chapters. */
  pins: PinsOf;
  access: Access;
  rtmpUrl: string;
  /** The room's ingest as every node sees it (video.ingestStatus). */
  ingestStatus: (roomId: string) => Promise<c.IngestStatus>;
}

export const mediaRoutes: FastifyPluginAsyncZod<MediaRoutesDeps> = async (app, { media, rooms, shows, pins, access, rtmpUrl, ingestStatus }) => {
  app.get(
    '/rooms/:slug/playback',
    { schema: { tags, summary: 'What a visitor of the room plays: live URLs, or the replay and its chapters', params: roomSlugParams, response: { 200: c.roomPlaybackAnswer } } },
    async (req, reply) => {
      const room = await rooms.bySlug(req.params.slug);
      const presented = await shows.presentedIn(room.id);
      reply.header('cache-control', 'no-cache').header('access-control-allow-origin', '*');
      if (!presented) return { playback: { show: null, live: null, replay: null } };
      const { show } = presented;
      const slug = encodeURIComponent(room.slug);
      const last = show.state === 'live' ? undefined : await shows.lastReplay(room.id);
      return {
        playback: {
          show,
          live: show.state === 'live' ? { flv: `/live/${slug}.flv`, hls: media.hlsEnabled ? `/hls/${slug}/index.m3u8` : null } : null,
          replay: last
            ? { showId: last.show.id, title: last.show.title, hls: `/replays/${last.show.id}/index.m3u8`, chapters: await replayChapters(last.show, pins) }
            : null,
        },
      };
    },
  );

  app.get(
    '/shops/:shopId/rooms/:roomId/shows/:showId/replay',
    { schema: { tags, summary: "A show's replay and its chapters (null until it has a recording)", params: c.showReplayParams, response: { 200: c.showReplayAnswer } } },
    async (req) => {
      await access.shop(req, req.params.shopId, 'live.read');
      await rooms.ofShop(req.params.shopId, req.params.roomId);
      const found = await shows.get(req.params.showId);
      if (!found || found.room.id !== req.params.roomId) throw new AppError('LIVE_SHOW_NOT_FOUND');
      const { show, recording } = found;
      if (!recording || show.state !== 'ended') return { replay: null };
      return { replay: { showId: show.id, title: show.title, hls: `/replays/${show.id}/index.m3u8`, chapters: await replayChapters(show, pins) } };
    },
  );

  app.get(
    '/shops/:shopId/rooms/:roomId/ingest',
    { schema: { tags, summary: "The room's incoming stream: state, bitrate, fps, resolution", params: c.roomParams, response: { 200: c.ingestAnswer } } },
    async (req) => {
      await access.shop(req, req.params.shopId, 'live.read');
      await rooms.ofShop(req.params.shopId, req.params.roomId);
      return { ingest: await ingestStatus(req.params.roomId), rtmpUrl };
    },
  );
};
