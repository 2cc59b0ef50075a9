import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../kernel/app-error';
import { publicProductAnswer } from '../contracts/catalog.schemas';
import type { Products } from './products.service';

/**
 * GET /products/{id}: a product's public page (/p/ID, where a shared product leads) reads it
 * without logging in — what a room's cart already shows any viewer, and its shop's name.
 */
export const publicProductRoutes: FastifyPluginAsyncZod<{
  products: Pick<Products, 'publicGet'>;
  shopOf(shopId: string): Promise<{ slug: string; name: string } | undefined>;
}> = async (app, { products, shopOf }) => {
  app.get(
    '/products/:productId',
    { schema: { tags: ['catalog'], summary: 'A product, publicly, with its shop', params: z.object({ productId: z.string().uuid() }), response: { 200: publicProductAnswer } } },
    async (req) => {
      const found = await products.publicGet(req.params.productId);
      const shop = found && (await shopOf(found.shopId));
      if (!found || !shop) throw new AppError('CATALOG_PRODUCT_NOT_FOUND');
      const { createdAt: _c, ...product } = found.product;
      return { product, shop: { slug: shop.slug, name: shop.name } };
    },
  );
};
