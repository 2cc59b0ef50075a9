import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../../contracts/sales-orders.schemas';
import { pageAnswer, pageQuery } from '../../contracts/pagination.schemas';
import type { Access } from '../../identity';
import type { Addresses } from '../addresses';
import { keyOf, sendAnswer } from '../http';
import type { CloseUnpaid } from './close-unpaid';
import type { Fulfilment } from './fulfil';
import type { OrderQueries } from './order-queries';
import type { createPlaceOrder } from './place-order';

export interface BuyerOrdersRoutesDeps {
  access: Access;
  placeOrder: ReturnType<typeof createPlaceOrder>;
  closeUnpaid: CloseUnpaid;
  fulfilment: Fulfilment;
  queries: OrderQueries;
  addresses: Addresses;
}

const tags = ['sales'];
const headers = c.idempotencyHeaders;

/** The buyer's side: placing orders, "my orders", cancelling, confirming receipt, asking for a refund, saved addresses. */
export const buyerOrdersRoutes: FastifyPluginAsyncZod<BuyerOrdersRoutesDeps> = async (app, deps) => {
  const { access } = deps;

  app.post(
    '/orders',
    { schema: { tags, summary: 'Place an order for products bought in a room (Idempotency-Key required)', headers, body: c.placeOrderBody, response: { 201: c.orderAnswer } } },
    async (req, reply) => {
      const user = await access.user(req);
      return sendAnswer(reply, await deps.placeOrder(user.id, keyOf(req), req.body));
    },
  );

  app.get(
    '/me/orders',
    { schema: { tags, summary: "The logged-in buyer's orders, newest first", querystring: pageQuery, response: { 200: pageAnswer('orders', c.order) } } },
    async (req) => {
      const user = await access.user(req);
      const { items, next } = await deps.queries.listOfBuyer(user.id, req.query);
      return { orders: items, next };
    },
  );

  app.get(
    '/orders/:orderId',
    { schema: { tags, summary: 'One of my orders', params: c.orderParams, response: { 200: c.orderAnswer } } },
    async (req) => ({ order: await deps.queries.ofBuyer((await access.user(req)).id, req.params.orderId) }),
  );

  app.post(
    '/orders/:orderId/cancel',
    { schema: { tags, summary: 'Cancel my unpaid order; its units go back (Idempotency-Key required)', headers, params: c.orderParams, response: { 200: c.orderAnswer } } },
    async (req, reply) => {
      const user = await access.user(req);
      return sendAnswer(reply, await deps.closeUnpaid.cancel({ buyerId: user.id }, `u:${user.id}`, req.params.orderId, keyOf(req)));
    },
  );

  app.post(
    '/orders/:orderId/receipt',
    { schema: { tags, summary: 'Confirm my shipped order arrived (Idempotency-Key required)', headers, params: c.orderParams, response: { 200: c.orderAnswer } } },
    async (req, reply) => {
      const user = await access.user(req);
      return sendAnswer(reply, await deps.fulfilment.confirmReceipt(user.id, req.params.orderId, keyOf(req)));
    },
  );

  app.post(
    '/orders/:orderId/refund-request',
    {
      schema: {
        tags, summary: 'Ask the shop for a refund of my paid order (Idempotency-Key required)', headers, params: c.orderParams,
        body: c.refundRequestBody, response: { 200: c.orderAnswer },
      },
    },
    async (req, reply) => {
      const user = await access.user(req);
      return sendAnswer(reply, await deps.fulfilment.requestRefund(user.id, req.params.orderId, req.body.reason, keyOf(req)));
    },
  );

  app.get(
    '/me/addresses',
    { schema: { tags, summary: 'My saved addresses', response: { 200: c.savedAddressesAnswer } } },
    async (req) => ({ addresses: await deps.addresses.list((await access.user(req)).id) }),
  );

  app.post(
    '/me/addresses',
    { schema: { tags, summary: 'Save an address', body: c.savedAddressBody, response: { 201: c.savedAddressAnswer } } },
    async (req, reply) => {
      const address = await deps.addresses.add((await access.user(req)).id, req.body);
      reply.code(201);
      return { address };
    },
  );

  app.delete(
    '/me/addresses/:addressId',
    { schema: { tags, summary: 'Forget a saved address (orders keep their copy)', params: c.addressParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await deps.addresses.remove((await access.user(req)).id, req.params.addressId);
      reply.code(204);
      return null;
    },
  );
};
