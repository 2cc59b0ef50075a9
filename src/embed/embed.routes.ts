import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { embedOriginsAnswer, embedOriginsBody } from '../contracts/embed.schemas';
import { shopParams } from '../contracts/identity.schemas';
import { roomSlugParams } from '../contracts/live.schemas';
import { AppError } from '../kernel/app-error';
import type { Access } from '../identity';
import type { EmbedOriginsService } from './origins.service';
import { embedPolicy } from './frame-ancestors';

const tags = ['embed'];

/** The shop's embed origins: read by its members, replaced by its owner (or its API key). */
export const embedOriginsRoutes: FastifyPluginAsyncZod<{ origins: EmbedOriginsService; access: Access }> = async (app, { origins, access }) => {
  app.get(
    '/shops/:shopId/embed-origins',
    { schema: { tags, summary: 'Origins allowed to embed this shop’s rooms (≤ 20, one document)', params: shopParams, response: { 200: embedOriginsAnswer } } },
    async (req) => {
      await access.shop(req, req.params.shopId, 'shop.read');
      return { origins: [...(await origins.of(req.params.shopId))] };
    },
  );

  app.put(
    '/shops/:shopId/embed-origins',
    {
      schema: {
        tags,
        summary: 'Replace the origins allowed to embed this shop’s rooms (scheme://host[:port] each)',
        params: shopParams,
        body: embedOriginsBody,
        response: { 200: embedOriginsAnswer },
      },
    },
    async (req) => {
      await access.shop(req, req.params.shopId, 'rooms.write');
      return { origins: [...(await origins.replace(req.params.shopId, req.body.origins))] };
    },
  );
};

export interface EmbedPageDeps {
  origins: EmbedOriginsService;
  /** The shop a room belongs to; throws LIVE_ROOM_NOT_FOUND for an unknown slug. */
  shopOfRoom(slug: string): Promise<string>;
  /** Sends the web app's page (which routes /embed/:slug to the embedded room). */
  sendPage(reply: FastifyReply): FastifyReply;
}

/**
 * /embed/ROOM: the room alone, to sit in another site's iframe. The browser enforces who may frame
 * it: `frame-ancestors` names hutong itself and the shop's listed origins, so a page of any other
 * origin shows nothing. An unknown room gets the page too (it says so), framed by hutong alone.
 */
export const embedPageRoutes: FastifyPluginAsyncZod<EmbedPageDeps> = async (app, { origins, shopOfRoom, sendPage }) => {
  app.get('/embed/:slug', { schema: { hide: true, params: roomSlugParams } }, async (req, reply) => {
    let allowed: readonly string[] = [];
    try {
      allowed = await origins.of(await shopOfRoom(req.params.slug));
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'LIVE_ROOM_NOT_FOUND')) throw err;
      reply.code(404);
    }
    reply.header('content-security-policy', embedPolicy(allowed));
    return sendPage(reply);
  });
};
