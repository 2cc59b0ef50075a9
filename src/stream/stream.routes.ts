import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roomSlugParams } from '../contracts/live.schemas';
import { key } from '../contracts/text.schemas';
import { AppError } from '../kernel/app-error';
import type { Access } from '../identity';
import type { EventStreams, StreamRoom } from './streams.service';

export interface StreamRoutesDeps {
  streams: EventStreams;
  access: Access;
  roomBySlug(slug: string): Promise<StreamRoom>;
  /** True when a page of `origin` may read the shop's public stream from a browser (its embed origins). */
  originAllowed(shopId: string, origin: string): Promise<boolean>;
}

const streamQuery = z.object({
  /** For a first connection that resumes (EventSource sends Last-Event-ID only when it reconnects). */
  lastEventId: key({ max: 40 }).optional(),
});

/**
 * GET /rooms/{slug}/events — the room's live event stream (text/event-stream; docs/events.md).
 * Public: the room events viewers see and the audience each second. With `Authorization: Bearer KEY`
 * of the room's shop (or its staff's session), the room's orders too. A browser page of another
 * origin reads it only when the shop lists that origin (CORS); every other origin is refused.
 */
export const streamRoutes: FastifyPluginAsyncZod<StreamRoutesDeps> = async (app, { streams, access, roomBySlug, originAllowed }) => {
  app.get(
    '/rooms/:slug/events',
    {
      schema: {
        tags: ['stream'],
        summary: 'The room’s live event stream (Server-Sent Events, resumable with Last-Event-ID)',
        params: roomSlugParams,
        querystring: streamQuery,
        produces: ['text/event-stream'],
      },
    },
    async (req, reply) => {
      const room = await roomBySlug(req.params.slug);
      const keyed = req.headers.authorization !== undefined;
      if (keyed) await access.shop(req, room.shopId, 'sales.read');
      const origin = req.headers.origin;
      const cors: Record<string, string> = {};
      if (origin !== undefined && !sameOrigin(origin, req.headers.host)) {
        if (keyed || !(await originAllowed(room.shopId, origin))) throw new AppError('EMBED_ORIGIN_REFUSED');
        cors['access-control-allow-origin'] = origin;
        cors.vary = 'Origin';
      }
      const header = req.headers['last-event-id'];
      const lastEventId = (typeof header === 'string' && header.length <= 40 ? header : undefined) ?? req.query.lastEventId;
      if (!streams.admit(req.ip)) throw new AppError('STREAM_TOO_MANY');
      reply.hijack();
      try {
        reply.raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          // Proxies (nginx) must pass each event on at once, not buffer the response.
          'x-accel-buffering': 'no',
          connection: 'keep-alive',
          ...cors,
        });
        await streams.open(room, reply.raw, { keyed, ip: req.ip, lastEventId });
      } catch (err) {
        req.log.warn({ err }, 'event stream failed to open');
        reply.raw.destroy();
      }
    },
  );
};

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
