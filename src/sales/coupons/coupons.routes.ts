import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../../contracts/sales-coupons.schemas';
import { shopParams } from '../../contracts/identity.schemas';
import type { Access } from '../../identity';
import { pageAnswer, pageQuery } from '../../contracts/pagination.schemas';
import type { Coupons } from './coupons.service';

const tags = ['sales'];

/** Coupons: the merchant makes them, a host drops one into a room, viewers claim and use them. */
export const couponsRoutes: FastifyPluginAsyncZod<{ access: Access; coupons: Coupons }> = async (app, { access, coupons }) => {
  app.post(
    '/shops/:shopId/coupons',
    { schema: { tags, summary: 'Make a coupon; with a roomId it drops into that room at once (the host console)', params: shopParams, body: c.createCouponBody, response: { 201: c.couponAnswer } } },
    async (req, reply) => {
      // A host drops coupons into rooms; making shop-wide coupons is the merchant's.
      const { shopId } = await access.shop(req, req.params.shopId, req.body.roomId ? 'live.run' : 'sales.manage');
      reply.code(201);
      return { coupon: await coupons.create(shopId, req.body) };
    },
  );

  app.get(
    '/shops/:shopId/coupons',
    { schema: { tags, summary: "The shop's coupons, newest first", params: shopParams, querystring: pageQuery, response: { 200: pageAnswer('coupons', c.coupon) } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.read');
      const { items, next } = await coupons.list(shopId, req.query);
      return { coupons: items, next };
    },
  );

  app.get(
    '/shops/:shopId/coupons/:couponId',
    { schema: { tags, summary: 'A coupon with its claims so far', params: c.shopCouponParams, response: { 200: c.couponAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.read');
      return { coupon: await coupons.ofShop(shopId, req.params.couponId) };
    },
  );

  app.post(
    '/shops/:shopId/coupons/:couponId/withdraw',
    { schema: { tags, summary: 'Stop a coupon: no more claims, unused claims no longer apply', params: c.shopCouponParams, response: { 200: c.couponAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.manage');
      return { coupon: await coupons.withdraw(shopId, req.params.couponId) };
    },
  );

  app.post(
    '/coupons/:couponId/claims',
    { schema: { tags, summary: 'Claim a coupon (within its total and the per-buyer limit)', params: c.couponParams, response: { 201: c.couponClaimAnswer } } },
    async (req, reply) => {
      const user = await access.user(req);
      reply.code(201);
      return { claim: await coupons.claim(user.id, req.params.couponId) };
    },
  );

  app.get(
    '/me/coupons',
    { schema: { tags, summary: 'My claimed coupons, newest first', querystring: pageQuery, response: { 200: pageAnswer('claims', c.couponClaim) } } },
    async (req) => {
      const { items, next } = await coupons.claimsOf((await access.user(req)).id, req.query);
      return { claims: items, next };
    },
  );
};
