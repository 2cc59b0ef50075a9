import { z } from 'zod';
import { shopParams } from './identity.schemas';

/** Products of a shop. Prices are integer minor units (fen for CNY) so sums never round. */

export const currency = z.enum(['CNY', 'USD', 'EUR']);
export const product = z.object({
  id: z.string().uuid(),
  title: z.string(),
  description: z.string(),
  priceMinor: z.number().int(),
  currency,
  stock: z.number().int(),
  createdAt: z.string(),
});
export type Product = z.infer<typeof product>;

const productFields = {
  title: z.string().trim().min(1).max(120),
  description: z.string().max(10_000),
  priceMinor: z.number().int().min(0).max(10_000_000_000),
  currency,
  stock: z.number().int().min(0).max(10_000_000),
};
export const createProductBody = z.object({
  ...productFields,
  description: productFields.description.default(''),
  currency: currency.default('CNY'),
  stock: productFields.stock.default(0),
});
/** No defaults here: a field left out of a change stays as it is. */
export const updateProductBody = z.object(productFields).partial();
export const productAnswer = z.object({ product });
export const productsAnswer = z.object({ products: z.array(product) });
export const productParams = shopParams.extend({ productId: z.string().uuid() });
