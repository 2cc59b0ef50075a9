import { AppError } from '../../kernel/app-error';
import type { Product } from '../../contracts/catalog.schemas';
import type { OrderLine } from '../../contracts/sales-orders.schemas';

/** "靛蓝 / M": a SKU's option values in the product's option order. */
export const skuLabel = (product: Product, options: Record<string, string>): string =>
  product.options.map((o) => options[o.name]).filter(Boolean).join(' / ');

/**
 * The order line for `quantity` of a product (and SKU), as it is now: title, option values, picture
 * and price are copied into the order, so later edits of the product never change what was bought.
 */
export function snapshotLine(product: Product, skuId: string | null, quantity: number): OrderLine {
  const base = { productId: product.id, title: product.title, imageUrl: product.images[0]?.url ?? null, quantity };
  if (product.skus.length === 0) {
    if (skuId !== null) throw new AppError('SALES_SKU_NOT_FOUND');
    return { ...base, skuId: null, skuLabel: '', unitPriceMinor: product.priceMinor };
  }
  if (skuId === null) throw new AppError('SALES_SKU_REQUIRED');
  const sku = product.skus.find((s) => s.id === skuId);
  if (!sku) throw new AppError('SALES_SKU_NOT_FOUND');
  return { ...base, skuId, skuLabel: skuLabel(product, sku.options), unitPriceMinor: sku.priceMinor };
}
