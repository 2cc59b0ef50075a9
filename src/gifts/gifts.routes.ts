import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../contracts/gifts.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import { resolveQuery } from '../contracts/shares.schemas';
import type { Access } from '../identity';
import { qrPng, qrSvg } from '../shares';
import type { GiftsService } from './gifts.service';
import type { GiftPreviews } from './preview';
import { AppError } from '../kernel/app-error';

const tags = ['gifts'];

/**
 * A logged-in buyer sends a gift and sees their gifts; anyone holding a code sees the gift and its
 * QR code; a logged-in friend claims it.
 */
export const giftsRoutes: FastifyPluginAsyncZod<{ gifts: GiftsService; previews: GiftPreviews; access: Pick<Access, 'user' | 'optionalActor'> }> = async (app, { gifts, previews, access }) => {
  app.post(
    '/gifts',
    {
      schema: {
        tags,
        summary: 'Send a coupon you hold, or a paid gift order, as a gift: its claim link, token and QR (the same claim or order again answers the same gift)',
        body: c.sendGiftBody,
        response: { 201: c.sentGiftAnswer },
      },
    },
    async (req, reply) => {
      const user = await access.user(req);
      reply.code(201);
      return { gift: await gifts.send(user.id, req.body) };
    },
  );

  app.get(
    '/me/gifts',
    { schema: { tags, summary: 'My gifts, newest first: each with its state (open, claimed by whom, returned)', querystring: pageQuery, response: { 200: c.sentGiftsAnswer } } },
    async (req) => {
      const { items, next } = await gifts.mine((await access.user(req)).id, req.query);
      return { gifts: items, next };
    },
  );

  app.get(
    '/me/gifts/:giftId',
    { schema: { tags, summary: 'One of my gifts', params: c.giftIdParams, response: { 200: c.sentGiftAnswer } } },
    async (req) => ({ gift: await gifts.sentOne((await access.user(req)).id, req.params.giftId) }),
  );

  app.get(
    '/gifts/resolve',
    { schema: { tags, summary: 'The gift a pasted text carries (a token or a /g/ link)', querystring: resolveQuery, response: { 200: c.resolveGiftAnswer } } },
    async (req) => gifts.resolve(req.query.text),
  );

  app.get(
    '/gifts/:code',
    { schema: { tags, summary: 'A gift as its claim page shows it, to anyone holding its code', params: c.giftCodeParams, response: { 200: c.giftViewAnswer } } },
    async (req, reply) => {
      const actor = await access.optionalActor(req).catch(() => null);
      reply.header('cache-control', 'no-store');
      return { gift: await gifts.view(req.params.code, actor?.kind === 'user' ? actor.user.id : null) };
    },
  );

  app.post(
    '/gifts/:code/claims',
    {
      schema: {
        tags,
        summary: 'Claim a gift (logged in; a product gift with the address it ships to): exactly one claim wins',
        params: c.giftCodeParams,
        body: c.claimGiftBody,
        response: { 201: c.claimGiftAnswer },
      },
    },
    async (req, reply) => {
      const user = await access.user(req);
      const claimed = await gifts.claim(req.params.code, user.id, req.body);
      reply.code(201);
      return claimed;
    },
  );

  app.get(
    '/gifts/:code/card.png',
    { schema: { tags, summary: "The gift's link-preview picture (og:image of /g/CODE), 1200 × 630 PNG", params: c.giftCodeParams } },
    async (req, reply) => {
      const png = await previews.card(req.params.code);
      if (!png) throw new AppError('GIFTS_NOT_FOUND');
      return reply.type('image/png').header('cache-control', 'private, max-age=60').header('x-content-type-options', 'nosniff').send(png);
    },
  );

  for (const kind of ['qr.svg', 'qr.png'] as const) {
    app.get(`/gifts/:code/${kind}`, { schema: { tags, summary: `The gift's QR code (${kind === 'qr.svg' ? 'SVG' : 'PNG, 480 px'}) of its claim link`, params: c.giftCodeParams } }, async (req, reply) => {
      const url = await gifts.link(req.params.code);
      reply.header('cache-control', 'private, max-age=60').header('x-content-type-options', 'nosniff');
      if (kind === 'qr.svg') return reply.type('image/svg+xml').header('content-security-policy', "default-src 'none'").send(await qrSvg(url));
      return reply.type('image/png').send(await qrPng(url));
    });
  }
};
