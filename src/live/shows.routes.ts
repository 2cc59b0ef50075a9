import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import * as c from '../contracts/media.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import type { Access } from '../identity';
import type { Shows } from './shows.service';
import type { StreamKeys } from './stream-keys.service';
import type { Rooms } from './rooms.service';

const tags = ['live'];

export interface ShowsRoutesDeps {
  shows: Shows;
  streamKeys: StreamKeys;
  rooms: Pick<Rooms, 'ofShop'>;
  access: Access;
  /** The RTMP server URL hosts paste into OBS (without the key). */
  rtmpUrl: string;
}

/** Shows and stream keys of a shop's rooms. Keys are for the people who go live: owners and hosts. */
export const showsRoutes: FastifyPluginAsyncZod<ShowsRoutesDeps> = async (app, { shows, streamKeys, rooms, access, rtmpUrl }) => {
  async function presenter(req: FastifyRequest, shopId: string, roomId: string) {
    await access.shop(req, shopId, 'live.present');
    await rooms.ofShop(shopId, roomId);
  }

  app.get(
    '/shops/:shopId/rooms/:roomId/shows',
    { schema: { tags, summary: "A room's shows, newest first, a page at a time", params: c.roomParams, querystring: pageQuery, response: { 200: c.showsAnswer } } },
    async (req) => {
      await access.shop(req, req.params.shopId, 'live.read');
      const { items, next } = await shows.list(req.params.shopId, req.params.roomId, req.query);
      return { shows: items, next };
    },
  );

  app.post(
    '/shops/:shopId/rooms/:roomId/shows',
    {
      schema: { tags, summary: 'Schedule a show', params: c.roomParams, body: c.createShowBody, response: { 201: c.showAnswer } },
    },
    async (req, reply) => {
      await presenter(req, req.params.shopId, req.params.roomId);
      reply.code(201);
      return { show: await shows.schedule(req.params.shopId, req.params.roomId, req.body) };
    },
  );

  app.post(
    '/shops/:shopId/rooms/:roomId/shows/:showId/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a scheduled show',
        params: c.roomParams.extend({ showId: z.string().uuid() }),
        response: { 200: c.showAnswer },
      },
    },
    async (req) => {
      await presenter(req, req.params.shopId, req.params.roomId);
      return { show: await shows.cancel(req.params.shopId, req.params.roomId, req.params.showId) };
    },
  );

  app.post(
    '/shops/:shopId/rooms/:roomId/shows/:showId/end',
    {
      schema: {
        tags,
        summary: 'End a live show by hand (one left live by a crash)',
        params: c.roomParams.extend({ showId: z.string().uuid() }),
        response: { 200: c.showAnswer },
      },
    },
    async (req) => {
      await presenter(req, req.params.shopId, req.params.roomId);
      return { show: await shows.endByHost(req.params.shopId, req.params.roomId, req.params.showId) };
    },
  );

  app.get(
    '/shops/:shopId/rooms/:roomId/stream-key',
    {
      schema: { tags, summary: "Reveal the room's RTMP URL and stream key", params: c.roomParams, response: { 200: c.streamKeyAnswer } },
    },
    async (req, reply) => {
      await presenter(req, req.params.shopId, req.params.roomId);
      reply.header('cache-control', 'no-store');
      return { rtmpUrl, ...(await streamKeys.reveal(req.params.roomId)) };
    },
  );

  app.post(
    '/shops/:shopId/rooms/:roomId/stream-key/rotate',
    {
      schema: { tags, summary: 'Replace the stream key (the old one stops working)', params: c.roomParams, response: { 200: c.streamKeyAnswer } },
    },
    async (req, reply) => {
      await presenter(req, req.params.shopId, req.params.roomId);
      reply.header('cache-control', 'no-store');
      return { rtmpUrl, ...(await streamKeys.rotate(req.params.roomId)) };
    },
  );
};
