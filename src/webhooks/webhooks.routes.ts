import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../contracts/webhooks.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import { shopParams } from '../contracts/identity.schemas';
import type { Access } from '../identity';
import type { Endpoints } from './endpoints.service';

const tags = ['webhooks'];

/** A shop's webhook endpoints (owners, or an API key with the `webhooks` scope): docs/webhooks.md. */
export const webhooksRoutes: FastifyPluginAsyncZod<{ access: Access; endpoints: Endpoints }> = async (app, { access, endpoints }) => {
  const manage = (req: Parameters<Access['shop']>[0], shopId: string) => access.shop(req, shopId, 'webhooks.manage');

  app.get(
    '/shops/:shopId/webhooks',
    { schema: { tags, summary: "A shop's webhook endpoints, newest first, a page at a time", params: shopParams, querystring: pageQuery, response: { 200: c.webhooksAnswer } } },
    async (req) => {
      await manage(req, req.params.shopId);
      const { items, next } = await endpoints.list(req.params.shopId, req.query);
      return { webhooks: items, next };
    },
  );

  app.post(
    '/shops/:shopId/webhooks',
    {
      schema: {
        tags, summary: 'Subscribe an endpoint to events; the answer holds its signing secret', params: shopParams,
        body: c.createWebhookBody, response: { 201: c.createdWebhookAnswer },
      },
    },
    async (req, reply) => {
      await manage(req, req.params.shopId);
      reply.code(201);
      return endpoints.create(req.params.shopId, req.body);
    },
  );

  app.get(
    '/shops/:shopId/webhooks/:webhookId',
    { schema: { tags, summary: 'One webhook endpoint', params: c.webhookParams, response: { 200: c.webhookAnswer } } },
    async (req) => {
      await manage(req, req.params.shopId);
      return { webhook: await endpoints.get(req.params.shopId, req.params.webhookId) };
    },
  );

  app.patch(
    '/shops/:shopId/webhooks/:webhookId',
    { schema: { tags, summary: 'Change an endpoint: its address, events, or enable or disable it', params: c.webhookParams, body: c.updateWebhookBody, response: { 200: c.webhookAnswer } } },
    async (req) => {
      await manage(req, req.params.shopId);
      return { webhook: await endpoints.update(req.params.shopId, req.params.webhookId, req.body) };
    },
  );

  app.delete(
    '/shops/:shopId/webhooks/:webhookId',
    { schema: { tags, summary: 'Delete an endpoint with its delivery log', params: c.webhookParams, response: { 204: z.null().describe('No content') } } },
    async (req, reply) => {
      await manage(req, req.params.shopId);
      await endpoints.remove(req.params.shopId, req.params.webhookId);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/shops/:shopId/webhooks/:webhookId/secret',
    { schema: { tags, summary: "The endpoint's signing secret (whsec_…)", params: c.webhookParams, response: { 200: c.webhookSecretAnswer } } },
    async (req) => {
      await manage(req, req.params.shopId);
      return { secret: await endpoints.secret(req.params.shopId, req.params.webhookId) };
    },
  );

  app.post(
    '/shops/:shopId/webhooks/:webhookId/secret/rotate',
    {
      schema: {
        tags, summary: 'A new signing secret; the old one keeps signing beside it for keepOldForHours (default 24), while receivers switch',
        params: c.webhookParams, body: c.rotateSecretBody, response: { 200: c.rotatedSecretAnswer },
      },
    },
    async (req) => {
      await manage(req, req.params.shopId);
      return endpoints.rotateSecret(req.params.shopId, req.params.webhookId, req.body.keepOldForHours);
    },
  );

  app.post(
    '/shops/:shopId/webhooks/:webhookId/test',
    { schema: { tags, summary: 'Send a webhook.test event to this endpoint', params: c.webhookParams, response: { 202: c.webhookDeliveryAnswer } } },
    async (req, reply) => {
      await manage(req, req.params.shopId);
      reply.code(202);
      return { delivery: await endpoints.sendTest(req.params.shopId, req.params.webhookId) };
    },
  );

  app.get(
    '/shops/:shopId/webhooks/:webhookId/deliveries',
    {
      schema: {
        tags, summary: "The endpoint's delivery log, newest first, a page at a time", params: c.webhookParams, querystring: pageQuery,
        response: { 200: c.webhookDeliveriesAnswer },
      },
    },
    async (req) => {
      await manage(req, req.params.shopId);
      const { items, next } = await endpoints.deliveries(req.params.shopId, req.params.webhookId, req.query);
      return { deliveries: items, next };
    },
  );

  app.get(
    '/shops/:shopId/webhooks/:webhookId/deliveries/:deliveryId',
    { schema: { tags, summary: 'One delivery with each attempt: the request sent and the answer received', params: c.deliveryParams, response: { 200: c.webhookDeliveryDetailAnswer } } },
    async (req) => {
      await manage(req, req.params.shopId);
      return endpoints.delivery(req.params.shopId, req.params.webhookId, req.params.deliveryId);
    },
  );

  app.post(
    '/shops/:shopId/webhooks/:webhookId/deliveries/:deliveryId/redeliver',
    { schema: { tags, summary: 'Send the same event (same webhook-id) again, after what is queued', params: c.deliveryParams, response: { 202: c.webhookDeliveryAnswer } } },
    async (req, reply) => {
      await manage(req, req.params.shopId);
      reply.code(202);
      return { delivery: await endpoints.redeliver(req.params.shopId, req.params.webhookId, req.params.deliveryId) };
    },
  );
};
