import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../contracts/shares.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import { AppError } from '../kernel/app-error';
import type { Access } from '../identity';
import type { Shares } from './shares.service';
import type { Previews } from './previews';
import { card, poster, qrPng, qrSvg, type Picture } from './pictures';
import { createPictureCache } from './picture-cache';
import type { ShopShares } from './shop-shares';

const tags = ['shares'];

export interface SharesRoutesDeps {
  shares: Shares;
  shopShares: ShopShares;
  previews: Previews;
  access: Pick<Access, 'optionalActor' | 'shop'>;
  /** POST /shares per client address and minute (anonymous sharing is allowed, so it is bounded). */
  createPerMinute: number;
}

/** Pictures change only with their subject: a minute in any cache, then asked again. */
const PICTURE_CACHE = 'public, max-age=60';

/** Anyone may share, read a share's QR and poster, and resolve a pasted text; the shop lists and revokes. */
export const sharesRoutes: FastifyPluginAsyncZod<SharesRoutesDeps> = async (app, { shares, shopShares, previews, access, createPerMinute }) => {
  const pictures = createPictureCache({ entries: 200, ttlMs: 60_000 });

  app.post(
    '/shares',
    {
      schema: { tags, summary: 'Share a room or a product: short link, token, QR and poster', body: c.createShareBody, response: { 201: c.shareAnswer } },
      config: { rateLimit: { max: createPerMinute, timeWindow: '1 minute', hook: 'preHandler' as const, errorResponseBuilder: () => new AppError('HTTP_RATE_LIMITED') } },
    },
    async (req, reply) => {
      // A bad session cookie must not stop a share: it is made anonymous instead.
      const actor = await access.optionalActor(req).catch(() => null);
      const sharerId = actor?.kind === 'user' ? actor.user.id : null;
      const share = await shares.create({ target: req.body.target, channel: req.body.channel ?? 'other', sharerId });
      reply.code(201);
      return { share };
    },
  );

  app.get(
    '/shares/resolve',
    { schema: { tags, summary: 'The share a pasted text carries (a token or a /s/ link)', querystring: c.resolveQuery, response: { 200: c.resolveAnswer } } },
    async (req) => {
      const found = await shares.resolve(req.query.text);
      return { code: found.row.code, target: found.target, url: `${shares.publicUrl}/s/${found.row.code}`, targetUrl: `${shares.publicUrl}${found.path}` };
    },
  );

  const picture = (kind: 'qr.svg' | 'qr.png' | 'poster.png', summary: string) =>
    app.get(`/shares/:code/${kind}`, { schema: { tags, summary, params: c.shareCodeParams } }, async (req, reply) => {
      const share = await shares.get(req.params.code);
      reply.header('cache-control', PICTURE_CACHE).header('x-content-type-options', 'nosniff');
      if (kind === 'qr.svg') return reply.type('image/svg+xml').header('content-security-policy', "default-src 'none'").send(await qrSvg(share.url));
      if (kind === 'qr.png') return reply.type('image/png').send(await qrPng(share.url));
      const png = await pictures.get(`poster:${share.code}`, async () => {
        const preview = await previews.of(share.target, share.code);
        if (!preview) throw new AppError('SHARES_NOT_FOUND');
        return poster(preview.picture, share.url);
      });
      return reply.type('image/png').send(png);
    });
  picture('qr.svg', "The share's QR code (SVG) of its short link");
  picture('qr.png', "The share's QR code (PNG, 480 px) of its short link");
  picture('poster.png', 'The share poster: cover, title, price or live badge, and the QR');

  app.get(
    '/shares/cards/:kind/:name',
    { schema: { tags, summary: 'The link-preview picture (og:image) of a room or a product', params: z.object({ kind: z.enum(['room', 'product']), name: z.string().max(60) }) } },
    async (req, reply) => {
      const subject = /^(.+)\.png$/.exec(req.params.name)?.[1];
      const preview = subject ? await (req.params.kind === 'room' ? previews.room(subject) : previews.product(subject)) : undefined;
      if (!preview) throw new AppError('SHARES_TARGET_NOT_FOUND');
      const png = await pictures.get(`card:${req.params.kind}:${subject}:${preview.picture.badge ?? ''}`, async () => card(preview.picture as Picture));
      return reply.type('image/png').header('cache-control', PICTURE_CACHE).send(png);
    },
  );

  app.get(
    '/shops/:shopId/shares',
    { schema: { tags, summary: "The shop's shares, newest first, with their visits", params: z.object({ shopId: z.string().uuid() }), querystring: pageQuery, response: { 200: c.shopSharesAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.read');
      return shopShares.list(shopId, req.query);
    },
  );

  app.post(
    '/shops/:shopId/shares/:code/revoke',
    { schema: { tags, summary: 'Revoke a share: its link, token and QR lead nowhere from now on', params: c.shopShareParams, response: { 200: c.shopShareAnswer } } },
    async (req) => {
      const scope = await access.shop(req, req.params.shopId, 'sales.manage');
      await shares.revoke(scope.shopId, req.params.code, scope.actor.kind === 'user' ? scope.actor.user.id : null);
      return { share: await shopShares.one(scope.shopId, req.params.code) };
    },
  );
};
