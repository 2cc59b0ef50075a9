import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../contracts/cart.schemas';
import { viewerCartItemAnswer, viewerCartItemParams } from '../contracts/cart-item.schemas';
import { roomSlugParams } from '../contracts/live.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import type { Access } from '../identity';
import type { Cart } from './cart.service';

const tags = ['cart'];
const pinAnswer = z.object({ pinned: z.object({ itemId: z.string().uuid(), pinnedAt: z.string() }) });
const pinsQuery = pageQuery.extend({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() });

/**
 * The room cart. Whoever may run the shop's shows (owner, staff, host, the shop's API key) builds
 * the cart and pins: hosts run the cart during the show. Viewers read it, policy applied, by slug.
 */
export const cartRoutes: FastifyPluginAsyncZod<{ cart: Cart; access: Access }> = async (app, { cart, access }) => {
  const member = (req: Parameters<Access['shop']>[0], shopId: string) => access.shop(req, shopId, 'live.run');

  app.get(
    '/rooms/:slug/cart',
    { schema: { tags, summary: "A room's cart as any viewer sees it (link policy applied)", params: roomSlugParams, response: { 200: c.viewerCartAnswer } } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return cart.viewerCart(req.params.slug);
    },
  );

  app.get(
    '/rooms/:slug/cart/items/:itemId',
    { schema: { tags, summary: "One item of a room's cart in full (pictures, options, SKUs), as any viewer sees it", params: viewerCartItemParams, response: { 200: viewerCartItemAnswer } } },
    async (req) => ({ item: await cart.viewerItem(req.params.slug, req.params.itemId) }),
  );

  app.get(
    '/shops/:shopId/rooms/:roomId/cart',
    { schema: { tags, summary: "A room's cart as the host sees it", params: c.cartParams, response: { 200: c.studioCartAnswer } } },
    async (req) => {
      await member(req, req.params.shopId);
      return cart.studioCart(req.params.shopId, req.params.roomId);
    },
  );

  app.post(
    '/shops/:shopId/rooms/:roomId/cart/items',
    {
      schema: {
        tags, summary: 'Add a product or an external listing at the end of the cart', params: c.cartParams, body: c.addCartItemBody,
        response: { 201: z.object({ item: c.studioCartItem }) },
      },
    },
    async (req, reply) => {
      await member(req, req.params.shopId);
      reply.code(201);
      return { item: await cart.add(req.params.shopId, req.params.roomId, req.body) };
    },
  );

  app.delete(
    '/shops/:shopId/rooms/:roomId/cart/items/:itemId',
    { schema: { tags, summary: 'Take an item out of the cart', params: c.cartItemParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await member(req, req.params.shopId);
      await cart.remove(req.params.shopId, req.params.roomId, req.params.itemId);
      reply.code(204);
      return null;
    },
  );

  app.post(
    '/shops/:shopId/rooms/:roomId/cart/order',
    { schema: { tags, summary: 'Put the cart in a new order (every item, once)', params: c.cartParams, body: c.reorderCartBody, response: { 200: c.studioCartAnswer } } },
    async (req) => {
      await member(req, req.params.shopId);
      await cart.reorder(req.params.shopId, req.params.roomId, req.body.itemIds);
      return cart.studioCart(req.params.shopId, req.params.roomId);
    },
  );

  app.post(
    '/shops/:shopId/rooms/:roomId/cart/pin',
    { schema: { tags, summary: 'Pin the item being explained (unpins the previous one)', params: c.cartParams, body: c.pinBody, response: { 200: pinAnswer } } },
    async (req) => {
      await member(req, req.params.shopId);
      return { pinned: await cart.pin(req.params.shopId, req.params.roomId, req.body.itemId) };
    },
  );

  app.post(
    '/shops/:shopId/rooms/:roomId/cart/unpin',
    { schema: { tags, summary: 'Unpin the item being explained', params: c.cartParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await member(req, req.params.shopId);
      await cart.unpin(req.params.shopId, req.params.roomId);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/shops/:shopId/rooms/:roomId/pins',
    { schema: { tags, summary: "A room's explaining moments (replay chapters), optionally within a time window, oldest first, a page at a time", params: c.cartParams, querystring: pinsQuery, response: { 200: c.pinsAnswer } } },
    async (req) => {
      await member(req, req.params.shopId);
      const { from, to, ...page } = req.query;
      const window = { ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}) };
      const { items, next } = await cart.pinsOfRoom(req.params.shopId, req.params.roomId, window, page);
      return { pins: items, next };
    },
  );
};
