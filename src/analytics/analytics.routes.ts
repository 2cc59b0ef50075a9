import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../contracts/analytics.schemas';
import { shopParams } from '../contracts/identity.schemas';
import { roomSlugParams } from '../contracts/live.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import type { Access } from '../identity';
import type { Analytics } from './analytics.service';

export interface AnalyticsRoutesDeps {
  analytics: Analytics;
  access: Access;
  roomBySlug(slug: string): Promise<{ id: string; shopId: string }>;
  /** What a room's cart item shows: an own product or an external listing, by id (cart). */
  cartItem(room: { id: string; shopId: string }, itemId: string): Promise<{ kind: 'product' | 'listing'; refId: string } | undefined>;
}

const tags = ['analytics'];

/** A show's numbers for its shop (docs/metrics.md), the operator's overview, and the viewer page's beacon. */
export const analyticsRoutes: FastifyPluginAsyncZod<AnalyticsRoutesDeps> = async (app, { analytics, access, roomBySlug, cartItem }) => {
  const shopOf = async (req: Parameters<Access['shop']>[0], shopId: string) => (await access.shop(req, shopId, 'sales.read')).shopId;

  app.get(
    '/shops/:shopId/analytics/shows',
    { schema: { tags, summary: "The shop's shows with their headline numbers, newest first", params: shopParams, querystring: pageQuery, response: { 200: c.showSummariesAnswer } } },
    async (req) => {
      const { items, next } = await analytics.showsOfShop(await shopOf(req, req.params.shopId), req.query);
      return { shows: items, next };
    },
  );

  app.get(
    '/shops/:shopId/analytics/shows/:showId',
    { schema: { tags, summary: "A show's totals and funnel (views → cart opens → product clicks → orders → paid)", params: c.showAnalyticsParams, response: { 200: c.showReportAnswer } } },
    async (req) => analytics.report(await shopOf(req, req.params.shopId), req.params.showId),
  );

  app.get(
    '/shops/:shopId/analytics/shows/:showId/series',
    { schema: { tags, summary: "A show's per-minute series, oldest minute first", params: c.showAnalyticsParams, querystring: pageQuery, response: { 200: c.showSeriesAnswer } } },
    async (req) => {
      const { items, next } = await analytics.series(await shopOf(req, req.params.shopId), req.params.showId, req.query);
      return { minutes: items, next };
    },
  );

  app.get(
    '/shops/:shopId/analytics/shows/:showId/series.csv',
    { schema: { tags, summary: 'The same series as CSV (every minute), for a spreadsheet', params: c.showAnalyticsParams } },
    async (req, reply) => {
      const csv = await analytics.csv(await shopOf(req, req.params.shopId), req.params.showId);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="show-${req.params.showId}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/shops/:shopId/analytics/shows/:showId/products',
    { schema: { tags, summary: "The show's products: clicks, orders, units, GMV, paid (best-selling first)", params: c.showAnalyticsParams, querystring: pageQuery, response: { 200: c.productFunnelsAnswer } } },
    async (req) => {
      const { items, next } = await analytics.products(await shopOf(req, req.params.shopId), req.params.showId, req.query);
      return { products: items, next };
    },
  );

  app.get(
    '/shops/:shopId/analytics/shows/:showId/explains',
    { schema: { tags, summary: 'Each explained product (pin to unpin) during the show, with what the show sold in that window', params: c.showAnalyticsParams, querystring: pageQuery, response: { 200: c.explainWindowsAnswer } } },
    async (req) => {
      const { items, next } = await analytics.explains(await shopOf(req, req.params.shopId), req.params.showId, req.query);
      return { explains: items, next };
    },
  );

  app.get(
    '/shops/:shopId/analytics/shows/:showId/sharers',
    { schema: { tags, summary: "Who shared the show, on which channel, most shares first", params: c.showAnalyticsParams, querystring: pageQuery, response: { 200: c.sharersAnswer } } },
    async (req) => {
      const { items, next } = await analytics.sharers(await shopOf(req, req.params.shopId), req.params.showId, req.query);
      return { sharers: items, next };
    },
  );

  app.get(
    '/ops/analytics/overview',
    { schema: { tags, summary: 'Every shop today (UTC): shows live now, viewers online, views, orders, GMV', response: { 200: c.overviewAnswer } } },
    async (req) => {
      await access.operator(req);
      return analytics.overview();
    },
  );

  app.get(
    '/ops/analytics/rooms',
    { schema: { tags, summary: 'Rooms live now, most viewers first', querystring: pageQuery, response: { 200: c.busyRoomsAnswer } } },
    async (req) => {
      await access.operator(req);
      const { items, next } = await analytics.busiestRooms(req.query);
      return { rooms: items, next };
    },
  );

  app.post(
    '/rooms/:slug/analytics',
    {
      schema: {
        tags, summary: "What only the viewer's page knows: the cart opened, a product opened, the shop followed (counted for the live show)",
        params: roomSlugParams, body: c.roomBeacon,
      },
    },
    async (req, reply) => {
      const room = await roomBySlug(req.params.slug);
      const beacon = req.body;
      if (beacon.type !== 'product.opened') await analytics.note(room, beacon);
      else {
        // Own products only: an external listing's click is counted where it leaves (/go/CODE). An item gone since is not counted.
        const item = await cartItem(room, beacon.itemId);
        if (item?.kind === 'product') await analytics.note(room, { type: 'product.opened', productId: item.refId });
      }
      return reply.code(204).send();
    },
  );
};
