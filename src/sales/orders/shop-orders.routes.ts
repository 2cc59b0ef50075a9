import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../../contracts/sales-orders.schemas';
import { shopParams } from '../../contracts/identity.schemas';
import { pageAnswer, pageQuery } from '../../contracts/pagination.schemas';
import type { Access } from '../../identity';
import { actorScope, keyOf, sendAnswer } from '../http';
import type { Refunds } from '../payments/refunds';
import type { CloseUnpaid } from './close-unpaid';
import type { Fulfilment } from './fulfil';
import type { OrderQueries } from './order-queries';

export interface ShopOrdersRoutesDeps {
  access: Access;
  closeUnpaid: CloseUnpaid;
  fulfilment: Fulfilment;
  refunds: Refunds;
  queries: OrderQueries;
}

const tags = ['sales'];
const headers = c.idempotencyHeaders;

/** The merchant's side of orders: lists with filters, CSV, shipping, cancelling, refunds, each show's sales. */
export const shopOrdersRoutes: FastifyPluginAsyncZod<ShopOrdersRoutesDeps> = async (app, deps) => {
  const { access } = deps;

  app.get(
    '/shops/:shopId/orders',
    {
      schema: {
        tags, summary: "A shop's orders, newest first, filtered by state, show, date and buyer", params: shopParams,
        querystring: pageQuery.merge(c.shopOrdersFilter), response: { 200: pageAnswer('orders', c.shopOrder) },
      },
    },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.read');
      const { limit, after, ...filter } = req.query;
      const { items, next } = await deps.queries.listOfShop(shopId, filter, { limit, after });
      return { orders: items, next };
    },
  );

  app.get(
    '/shops/:shopId/orders.csv',
    { schema: { tags, summary: 'The same orders as CSV (every page), for a spreadsheet', params: shopParams, querystring: c.shopOrdersFilter } },
    async (req, reply) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.read');
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="orders.csv"');
      // A byte-order mark, so spreadsheet programs read the Chinese text as UTF-8.
      async function* body() {
        yield '\uFEFF';
        yield* deps.queries.csv(shopId, req.query);
      }
      return reply.send(Readable.from(body()));
    },
  );

  app.get(
    '/shops/:shopId/orders/:orderId',
    { schema: { tags, summary: 'One order of the shop', params: c.shopOrderParams, response: { 200: c.shopOrderAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.read');
      return { order: await deps.queries.ofShop(shopId, req.params.orderId) };
    },
  );

  app.post(
    '/shops/:shopId/orders/:orderId/ship',
    { schema: { tags, summary: 'Mark a paid order shipped, with carrier and tracking number (Idempotency-Key required)', headers, params: c.shopOrderParams, body: c.shipBody, response: { 200: c.orderAnswer } } },
    async (req, reply) => {
      const scope = await access.shop(req, req.params.shopId, 'sales.manage');
      return sendAnswer(reply, await deps.fulfilment.ship(scope.shopId, actorScope(scope), req.params.orderId, req.body, keyOf(req)));
    },
  );

  app.post(
    '/shops/:shopId/orders/:orderId/cancel',
    { schema: { tags, summary: 'Cancel an unpaid order; its units go back (Idempotency-Key required)', headers, params: c.shopOrderParams, response: { 200: c.orderAnswer } } },
    async (req, reply) => {
      const scope = await access.shop(req, req.params.shopId, 'sales.manage');
      return sendAnswer(reply, await deps.closeUnpaid.cancel({ shopId: scope.shopId }, actorScope(scope), req.params.orderId, keyOf(req)));
    },
  );

  app.post(
    '/shops/:shopId/orders/:orderId/refunds',
    {
      schema: {
        tags, summary: 'Refund an order, all (its units go back) or a part (Idempotency-Key required)', headers, params: c.shopOrderParams,
        body: c.refundBody, response: { 200: c.orderAnswer },
      },
    },
    async (req, reply) => {
      const scope = await access.shop(req, req.params.shopId, 'sales.manage');
      return sendAnswer(reply, await deps.refunds.refund(scope.shopId, actorScope(scope), req.params.orderId, req.body, keyOf(req)));
    },
  );

  app.get(
    '/shops/:shopId/show-sales',
    {
      schema: {
        tags, summary: "Each show's orders, units and GMV, newest sales first", params: shopParams,
        querystring: pageQuery.extend({ showId: z.string().uuid().optional() }), response: { 200: pageAnswer('shows', c.showSales) },
      },
    },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.read');
      const { showId, ...page } = req.query;
      const { items, next } = await deps.queries.byShow(shopId, page, showId);
      return { shows: items, next };
    },
  );
};
