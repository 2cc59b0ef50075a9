import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../contracts/media.schemas';
import { roomSlugParams } from '../contracts/live.schemas';
import type { Access } from '../identity';
import type { Shows } from '../live';
import type { Media } from './media.service';

const tags = ['media'];

/** API routes of the media context (under /api/v1): what to play in a room, and the ingest's view for the host. */
export const mediaRoutes: FastifyPluginAsyncZod<{ media: Media; shows: Shows; access: Access; rtmpUrl: string }> = async (
  app,
  { media, shows, access, rtmpUrl },
) => {
  app.get(
    '/rooms/:slug/playback',
    { schema: { tags, summary: 'What a visitor of the room plays: live URLs, or the replay and its chapters', params: roomSlugParams, response: { 200: c.roomPlaybackAnswer } } },
    async (req, reply) => {
      const room = await shows.roomBySlug(req.params.slug);
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
            ? { showId: last.show.id, title: last.show.title, hls: `/replays/${last.show.id}/index.m3u8`, chapters: await shows.chapters(last.show.id) }
            : null,
        },
      };
    },
  );

  app.get(
    '/shops/:shopId/rooms/:roomId/ingest',
    { schema: { tags, summary: "The room's incoming stream: state, bitrate, fps, resolution", params: c.roomParams, response: { 200: c.ingestAnswer } } },
    async (req) => {
      await access.shop(req, req.params.shopId, 'shop.read');
      await shows.roomOfShop(req.params.shopId, req.params.roomId);
      return { ingest: media.ingestStatus(req.params.roomId), rtmpUrl };
    },
  );
};
