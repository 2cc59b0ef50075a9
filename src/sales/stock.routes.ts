import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../contracts/sales-orders.schemas';
import { shopParams } from '../contracts/identity.schemas';
import type { Product } from '../contracts/catalog.schemas';
import type { Db } from '../platform/db/db.port';
import { AppError } from '../kernel/app-error';
import type { Access } from '../identity';
import type { Stock } from '../catalog';
import { skuLabel } from './orders/snapshot';
import { pageQuery, type PageQuery } from '../contracts/pagination.schemas';
import type { Page } from '../platform/db/keyset';
import { campaignsRepo } from './campaigns/campaigns.repo';
import { z } from 'zod';

export interface StockRoutesDeps {
  access: Access;
  db: Db;
  products: { list(shopId: string, page: PageQuery): Promise<Page<Product>> };
  stock: Pick<Stock, 'set'>;
}

const tags = ['sales'];

/** Stock per product and SKU for the merchant: what can be sold, what campaigns hold; set with compare-and-set. */
export const stockRoutes: FastifyPluginAsyncZod<StockRoutesDeps> = async (app, deps) => {
  const { access } = deps;

  app.get(
    '/shops/:shopId/stock',
    { schema: { tags, summary: 'Stock per product and SKU, and what flash sales and presales hold, a page of products at a time', params: shopParams, querystring: pageQuery, response: { 200: c.stockLevelsAnswer } } },
    async (req) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.read');
      const held = await campaignsRepo.held(deps.db, shopId);
      const page = await deps.products.list(shopId, req.query);
      const levels = page.items.flatMap((p) =>
        (p.skus.length === 0 ? [{ id: null, options: {}, stock: p.stock }] : p.skus).map((s) => ({
          productId: p.id, skuId: s.id, title: p.title, skuLabel: skuLabel(p, s.options), stock: s.stock,
          heldByCampaigns: held.get(`${p.id}/${s.id ?? ''}`) ?? 0,
        })),
      );
      return { levels, next: page.next };
    },
  );

  app.put(
    '/shops/:shopId/stock',
    { schema: { tags, summary: "Set a product's or SKU's stock if it is still what you saw", params: shopParams, body: c.setStockBody, response: { 204: z.null() } } },
    async (req, reply) => {
      const { shopId } = await access.shop(req, req.params.shopId, 'sales.manage');
      const r = await deps.stock.set(shopId, { productId: req.body.productId, skuId: req.body.skuId }, req.body.stock, req.body.expected);
      if (!r.ok) throw new AppError(r.reason === 'changed' ? 'SALES_STOCK_CHANGED' : 'SALES_PRODUCT_NOT_FOUND');
      reply.code(204);
      return null;
    },
  );
};
