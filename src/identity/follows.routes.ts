import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../contracts/discovery.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import type { Access } from './access';
import type { Follows } from './follows.service';

const tags = ['identity'];

/** A shop's public page, and the logged-in account's follows (its own only: the id is its session's). */
export const followsRoutes: FastifyPluginAsyncZod<{ follows: Follows; access: Access }> = async (app, { follows, access }) => {
  app.get(
    '/shops/by-slug/:slug',
    { schema: { tags, summary: "A shop's public page: name, followers, and whether the caller follows it", params: c.shopSlugParams, response: { 200: c.shopPageAnswer } } },
    async (req) => {
      const shop = await follows.shopBySlug(req.params.slug);
      const actor = await access.optionalActor(req);
      const following = actor?.kind === 'user' ? await follows.isFollowing(actor.user.id, shop.id) : false;
      return { shop: { slug: shop.slug, name: shop.name, createdAt: shop.createdAt }, followers: await follows.followers(shop.id), following };
    },
  );

  app.get(
    '/me/follows',
    { schema: { tags, summary: 'The shops the logged-in account follows, newest first', querystring: pageQuery, response: { 200: c.followsAnswer } } },
    async (req) => follows.list((await access.user(req)).id, req.query),
  );

  app.put(
    '/me/follows/:slug',
    { schema: { tags, summary: 'Follow a shop (following it again changes nothing)', params: c.shopSlugParams, response: { 200: c.followAnswer } } },
    async (req) => follows.follow((await access.user(req)).id, req.params.slug),
  );

  app.delete(
    '/me/follows/:slug',
    { schema: { tags, summary: 'Stop following a shop', params: c.shopSlugParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await follows.unfollow((await access.user(req)).id, req.params.slug);
      reply.code(204);
      return null;
    },
  );
};
