import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../contracts/catalog.schemas';
import { shopParams } from '../contracts/identity.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import type { Access } from '../identity';
import type { Products } from './products.service';

const tags = ['catalog'];

export const productsRoutes: FastifyPluginAsyncZod<{ products: Products; access: Access }> = async (app, { products, access }) => {
  app.get(
    '/shops/:shopId/products',
    { schema: { tags, summary: "A shop's products, oldest first, a page at a time", params: shopParams, querystring: pageQuery, response: { 200: c.productsAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'catalog.read');
      const { items, next } = await products.list(shopId, req.query);
      return { products: items, next };
    },
  );

  app.post(
    '/shops/:shopId/products',
    {
      schema: { tags, summary: 'Add a product', params: shopParams, body: c.createProductBody, response: { 201: c.productAnswer } },
    },
    async (req, reply) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'catalog.write');
      reply.code(201);
      return { product: await products.create(shopId, req.body) };
    },
  );

  app.get(
    '/shops/:shopId/products/:productId',
    { schema: { tags, summary: 'A product', params: c.productParams, response: { 200: c.productAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'catalog.read');
      return { product: await products.get(shopId, req.params.productId) };
    },
  );

  app.patch(
    '/shops/:shopId/products/:productId',
    {
      schema: { tags, summary: 'Change a product', params: c.productParams, body: c.updateProductBody, response: { 200: c.productAnswer } },
    },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'catalog.write');
      return { product: await products.update(shopId, req.params.productId, req.body) };
    },
  );

  app.delete(
    '/shops/:shopId/products/:productId',
    { schema: { tags, summary: 'Delete a product', params: c.productParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'catalog.write');
      await products.remove(shopId, req.params.productId);
      reply.code(204);
      return null;
    },
  );
};
