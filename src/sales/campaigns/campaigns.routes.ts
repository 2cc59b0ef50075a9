import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../../contracts/sales-campaigns.schemas';
import { idempotencyHeaders, orderAnswer } from '../../contracts/sales-orders.schemas';
import { roomCoupon } from '../../contracts/sales-coupons.schemas';
import { shopParams } from '../../contracts/identity.schemas';
import { key } from '../../contracts/text.schemas';
import { pageAnswer, pageQuery } from '../../contracts/pagination.schemas';
import type { Access } from '../../identity';
import { keyOf, sendAnswer } from '../http';
import type { Coupons } from '../coupons/coupons.service';
import { toRoomCoupon } from '../coupons/coupons.service';
import type { Campaigns } from './campaigns.service';
import type { FlashPurchase } from './flash-purchase';
import { toFlashSale, toPresale, toRoomFlashSale } from './views';

export interface CampaignsRoutesDeps {
  access: Access;
  campaigns: Campaigns;
  coupons: Pick<Coupons, 'inRoom'>;
  flashPurchase: FlashPurchase;
  depositOrder(buyerId: string, presaleId: string, key: string, body: c.CampaignOrderBody): ReturnType<FlashPurchase>;
  roomBySlug(slug: string): Promise<{ id: string }>;
}

const tags = ['sales'];

/** Flash sales and presales: the host starts them, the merchant plans them, viewers buy from them. */
export const campaignsRoutes: FastifyPluginAsyncZod<CampaignsRoutesDeps> = async (app, deps) => {
  const { access, campaigns } = deps;

  app.post(
    '/flash-sales/:saleId/orders',
    {
      schema: {
        tags, summary: 'Buy in a flash sale (秒杀): exactly the stock is sold, within the per-buyer limit (Idempotency-Key required)',
        headers: idempotencyHeaders, params: c.flashSaleParams, body: c.campaignOrderBody, response: { 201: orderAnswer },
      },
    },
    async (req, reply) => {
      const user = await access.user(req);
      return sendAnswer(reply, await deps.flashPurchase(user.id, req.params.saleId, keyOf(req), req.body));
    },
  );

  app.post(
    '/presales/:presaleId/orders',
    {
      schema: {
        tags, summary: 'Order in a presale (预售): the deposit is due now, the balance in its window (Idempotency-Key required)',
        headers: idempotencyHeaders, params: c.presaleParams, body: c.campaignOrderBody, response: { 201: orderAnswer },
      },
    },
    async (req, reply) => {
      const user = await access.user(req);
      return sendAnswer(reply, await deps.depositOrder(user.id, req.params.presaleId, keyOf(req), req.body));
    },
  );

  app.get(
    '/rooms/:slug/sales',
    {
      schema: {
        tags, summary: "What a room's viewers can buy now besides the cart: flash sales (live or starting soon), presales, coupons",
        params: z.object({ slug: key({ max: 40 }) }),
        response: { 200: z.object({ flashSales: z.array(c.roomFlashSale), presales: z.array(c.presale), coupons: z.array(roomCoupon) }) },
      },
    },
    async (req) => {
      const room = await deps.roomBySlug(req.params.slug);
      const [all, coupons] = await Promise.all([campaigns.inRoom(room.id), deps.coupons.inRoom(room.id)]);
      return {
        flashSales: all.filter((x) => x.kind === 'flash').map(toRoomFlashSale),
        presales: all.filter((x) => x.kind === 'presale').map(toPresale),
        coupons: coupons.map(toRoomCoupon),
      };
    },
  );

  app.post(
    '/shops/:shopId/flash-sales',
    { schema: { tags, summary: 'Start a flash sale on a product of a room (now or at a time); its units leave the stock', params: shopParams, body: c.createFlashSaleBody, response: { 201: c.flashSaleAnswer } } },
    async (req, reply) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'live.run');
      reply.code(201);
      return { flashSale: toFlashSale(await campaigns.createFlashSale(shopId, req.body)) };
    },
  );

  app.get(
    '/shops/:shopId/flash-sales',
    { schema: { tags, summary: "The shop's flash sales, newest first", params: shopParams, querystring: pageQuery, response: { 200: pageAnswer('flashSales', c.flashSale) } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.read');
      const { items, next } = await campaigns.list(shopId, 'flash', req.query);
      return { flashSales: items.map(toFlashSale), next };
    },
  );

  app.get(
    '/shops/:shopId/flash-sales/:saleId',
    { schema: { tags, summary: 'A flash sale', params: c.shopFlashSaleParams, response: { 200: c.flashSaleAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.read');
      return { flashSale: toFlashSale(await campaigns.get(shopId, 'flash', req.params.saleId)) };
    },
  );

  app.post(
    '/shops/:shopId/flash-sales/:saleId/cancel',
    { schema: { tags, summary: 'End a flash sale now; units not sold go back to the stock', params: c.shopFlashSaleParams, response: { 200: c.flashSaleAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'live.run');
      return { flashSale: toFlashSale(await campaigns.cancel(shopId, 'flash', req.params.saleId)) };
    },
  );

  app.post(
    '/shops/:shopId/presales',
    { schema: { tags, summary: 'Plan a presale: deposit, what it is worth, the balance window; its units leave the stock', params: shopParams, body: c.createPresaleBody, response: { 201: c.presaleAnswer } } },
    async (req, reply) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.manage');
      reply.code(201);
      return { presale: toPresale(await campaigns.createPresale(shopId, req.body)) };
    },
  );

  app.get(
    '/shops/:shopId/presales',
    { schema: { tags, summary: "The shop's presales, newest first", params: shopParams, querystring: pageQuery, response: { 200: pageAnswer('presales', c.presale) } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.read');
      const { items, next } = await campaigns.list(shopId, 'presale', req.query);
      return { presales: items.map(toPresale), next };
    },
  );

  app.post(
    '/shops/:shopId/presales/:presaleId/cancel',
    { schema: { tags, summary: 'Cancel a presale that has no deposit yet; its units go back to the stock', params: c.shopPresaleParams, response: { 200: c.presaleAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.manage');
      return { presale: toPresale(await campaigns.cancel(shopId, 'presale', req.params.presaleId)) };
    },
  );
};
