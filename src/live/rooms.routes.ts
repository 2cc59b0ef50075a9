import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../contracts/live.schemas';
import { shopParams } from '../contracts/identity.schemas';
import { roomParams } from '../contracts/media.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import type { Access, Shops } from '../identity';
import type { Rooms } from './rooms.service';

const tags = ['live'];

export const roomsRoutes: FastifyPluginAsyncZod<{ rooms: Rooms; shops: Pick<Shops, 'get'>; access: Access }> = async (
  app,
  { rooms, shops, access },
) => {
  app.get(
    '/shops/:shopId/rooms',
    { schema: { tags, summary: "A shop's rooms, oldest first, a page at a time", params: shopParams, querystring: pageQuery, response: { 200: c.roomsAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'live.read');
      const { items, next } = await rooms.list(shopId, req.query);
      return { rooms: items, next };
    },
  );

  app.post(
    '/shops/:shopId/rooms',
    { schema: { tags, summary: 'Open a room', params: shopParams, body: c.createRoomBody, response: { 201: c.roomAnswer } } },
    async (req, reply) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'rooms.write');
      reply.code(201);
      return { room: await rooms.create(shopId, req.body) };
    },
  );

  app.get(
    '/shops/:shopId/rooms/:roomId',
    { schema: { tags, summary: 'A room of the shop', params: roomParams, response: { 200: c.roomAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'live.read');
      const { shopId: _, ...room } = await rooms.ofShop(shopId, req.params.roomId);
      return { room };
    },
  );

  app.get(
    '/rooms/:slug',
    { schema: { tags, summary: 'A room, as any visitor sees it', params: c.roomSlugParams, response: { 200: c.publicRoomAnswer } } },
    async (req) => {
      const { shopId, ...room } = await rooms.bySlug(req.params.slug);
      const shop = await shops.get(shopId);
      return { room: { ...room, shop: { slug: shop.slug, name: shop.name } } };
    },
  );
};
