import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../contracts/catalog.schemas';
import { recognisedAnswer, recogniseBody } from '../contracts/links.schemas';
import { shopParams } from '../contracts/identity.schemas';
import { pageQuery } from '../contracts/pagination.schemas';
import type { Access } from '../identity';
import { recogniseOrThrow } from '../links';
import type { Commission } from './commission';
import type { Listings } from './listings.service';

const tags = ['catalog'];

export const listingsRoutes: FastifyPluginAsyncZod<{ listings: Listings; commission: Commission; access: Access }> = async (
  app,
  { listings, commission, access },
) => {
  app.post(
    '/shops/:shopId/listings/recognise',
    {
      schema: {
        tags,
        summary: 'What hutong makes of a pasted URL (marketplace, item id, canonical link); nothing is stored or fetched',
        params: shopParams,
        body: recogniseBody,
        response: { 200: recognisedAnswer },
      },
    },
    async (req) => {
      await access.shop(req, req.params.shopId, 'catalog.write');
      return { link: recogniseOrThrow(req.body.url) };
    },
  );

  app.get(
    '/shops/:shopId/listings',
    { schema: { tags, summary: "A shop's external listings, oldest first, a page at a time", params: shopParams, querystring: pageQuery, response: { 200: c.listingsAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'catalog.read');
      const { items, next } = await listings.list(shopId, req.query);
      return { listings: items, next };
    },
  );

  app.post(
    '/shops/:shopId/listings',
    {
      schema: { tags, summary: 'Add an external listing by pasting its URL', params: shopParams, body: c.createListingBody, response: { 201: c.listingAnswer } },
    },
    async (req, reply) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'catalog.write');
      reply.code(201);
      return { listing: await listings.create(shopId, req.body) };
    },
  );

  app.get(
    '/shops/:shopId/listings/:listingId',
    { schema: { tags, summary: 'An external listing', params: c.listingParams, response: { 200: c.listingAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'catalog.read');
      return { listing: await listings.get(shopId, req.params.listingId) };
    },
  );

  app.patch(
    '/shops/:shopId/listings/:listingId',
    {
      schema: { tags, summary: 'Change an external listing (its URL stays)', params: c.listingParams, body: c.updateListingBody, response: { 200: c.listingAnswer } },
    },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'catalog.write');
      return { listing: await listings.update(shopId, req.params.listingId, req.body) };
    },
  );

  app.delete(
    '/shops/:shopId/listings/:listingId',
    { schema: { tags, summary: 'Delete an external listing', params: c.listingParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'catalog.write');
      await listings.remove(shopId, req.params.listingId);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/shops/:shopId/commission-rates',
    { schema: { tags, summary: "A shop's default commission rates", params: shopParams, response: { 200: c.commissionRatesAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'catalog.read');
      return { rates: await commission.get(shopId) };
    },
  );

  app.post(
    '/shops/:shopId/commission-rates',
    {
      schema: {
        tags,
        summary: 'Set default commission rates (basis points) for own goods and marketplaces; rates left out stay',
        params: shopParams,
        body: c.setCommissionRatesBody,
        response: { 200: c.commissionRatesAnswer },
      },
    },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'catalog.write');
      return { rates: await commission.set(shopId, req.body) };
    },
  );
};
