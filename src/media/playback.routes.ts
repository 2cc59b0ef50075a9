import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { key } from '../contracts/text.schemas';
import type { Rooms, Shows } from '../live';
import type { Media } from './media.service';

/**
 * Playback on hutong's HTTP port: `/live/SLUG.flv` (HTTP-FLV from the ingest's broadcast),
 * `/hls/SLUG/index.m3u8` (the live HLS packager's files) and `/replays/SHOW/index.m3u8` (the
 * recording). Every answer carries CORS headers so a player embedded on another origin can play.
 * Nothing live, nothing served: a 404 with an empty body, never a byte of someone else's stream.
 * (`/live/SLUG` without `.flv` stays the web app's page: the route only matches the suffix.)
 */
const FILE = /^(index\.m3u8|init\.mp4|seg-\d{5}\.m4s)$/;
const contentType = (file: string) =>
  file.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : file.endsWith('.m4s') ? 'video/iso.segment' : 'video/mp4';

function cors(reply: FastifyReply): FastifyReply {
  return reply
    .header('access-control-allow-origin', '*')
    .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
    .header('access-control-allow-headers', 'range')
    .header('access-control-expose-headers', 'content-length, content-range');
}

const nothing = (reply: FastifyReply) => cors(reply).code(404).header('cache-control', 'no-store').send();

async function sendFile(reply: FastifyReply, dir: string, file: string, live: boolean) {
  const path = join(dir, file);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return nothing(reply);
  const cache = file.endsWith('.m3u8') ? (live ? 'no-cache' : 'public, max-age=60') : 'public, max-age=86400, immutable';
  return cors(reply).header('content-type', contentType(file)).header('content-length', info.size).header('cache-control', cache).send(createReadStream(path));
}

export const playbackRoutes: FastifyPluginAsyncZod<{
  media: Media;
  rooms: Pick<Rooms, 'bySlug'>;
  shows: Pick<Shows, 'get' | 'liveNow'>;
  /** HTTP-FLV from this process or, with several on this machine, the one holding the stream (Video.playFlv). */
  playFlv: (roomId: string, res: ServerResponse) => boolean;
}> = async (app, { media, rooms, shows, playFlv }) => {
  const roomId = async (slug: string) => (await rooms.bySlug(slug).catch(() => null))?.id ?? null;

  app.options('/live/:slug.flv', { schema: { hide: true } }, async (_req, reply) => cors(reply).code(204).send());
  app.options('/hls/*', { schema: { hide: true } }, async (_req, reply) => cors(reply).code(204).send());
  app.options('/replays/*', { schema: { hide: true } }, async (_req, reply) => cors(reply).code(204).send());

  app.get(
    '/live/:slug.flv',
    { schema: { tags: ['playback'], summary: "The room's live stream as HTTP-FLV", params: z.object({ slug: key({ max: 40 }) }) } },
    async (req, reply) => {
      const id = await roomId(req.params.slug);
      if (!id) return nothing(reply);
      const res = reply.raw;
      // Written on the raw response: Fastify's reply is done once we hijack, the stream is ours.
      reply.hijack();
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-expose-headers', 'content-length');
      res.setHeader('content-type', 'video/x-flv');
      res.setHeader('cache-control', 'no-store');
      res.statusCode = 200;
      if (!playFlv(id, res)) {
        res.statusCode = 404;
        res.end();
      }
    },
  );

  app.get(
    '/hls/:slug/:file',
    { schema: { tags: ['playback'], summary: "The room's live HLS (fMP4)", params: z.object({ slug: key({ max: 40 }), file: key({ max: 40 }) }) } },
    async (req, reply) => {
      if (!FILE.test(req.params.file)) return nothing(reply);
      const id = await roomId(req.params.slug);
      if (!id) return nothing(reply);
      // Packaged here, or by another server process on this machine (HUTONG_WORKERS): then the
      // database says whether the show is live, and the files are on the shared disk.
      const dir = media.liveHlsDir(id) ?? ((await shows.liveNow(id)) ? media.liveDir(id) : null);
      if (!dir) return nothing(reply);
      return sendFile(reply, dir, req.params.file, true);
    },
  );

  app.get(
    '/replays/:showId/:file',
    {
      schema: {
        tags: ['playback'],
        summary: "A show's recording as HLS VOD",
        params: z.object({ showId: z.string().uuid(), file: z.string().max(40) }),
      },
    },
    async (req, reply) => {
      if (!FILE.test(req.params.file)) return nothing(reply);
      const found = await shows.get(req.params.showId);
      // Only an ended show's recording is a replay; while live, viewers watch the live stream.
      if (!found || found.show.state !== 'ended' || !found.recording) return nothing(reply);
      return sendFile(reply, media.recordingDir(found.recording), req.params.file, false);
    },
  );
};
