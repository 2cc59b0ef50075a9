import type { Db } from '../platform/db/db.port';
import { AppError } from '../kernel/app-error';
import { newId } from '../kernel/ids';
import type { Product } from '../contracts/catalog.schemas';
import { productsRepo, type ProductInput } from './products.repo';

/** A list answer is bounded; paging arrives with the full catalog. */
export const PRODUCT_LIST_LIMIT = 500;

/** A shop's own products. Every call names the shop the caller was authorised for. */
export function createProducts({ db }: { db: Db }) {
  return {
    create: (shopId: string, input: ProductInput): Promise<Product> => productsRepo.insert(db, shopId, newId(), input),
    list: (shopId: string) => productsRepo.list(db, shopId, PRODUCT_LIST_LIMIT),

    async get(shopId: string, id: string): Promise<Product> {
      const p = await productsRepo.get(db, shopId, id);
      if (!p) throw new AppError('CATALOG_PRODUCT_NOT_FOUND');
      return p;
    },

    async update(shopId: string, id: string, patch: Partial<ProductInput>): Promise<Product> {
      const p = await productsRepo.update(db, shopId, id, patch);
      if (!p) throw new AppError('CATALOG_PRODUCT_NOT_FOUND');
      return p;
    },

    async remove(shopId: string, id: string): Promise<void> {
      if (!(await productsRepo.delete(db, shopId, id))) throw new AppError('CATALOG_PRODUCT_NOT_FOUND');
    },
  };
}

export type Products = ReturnType<typeof createProducts>;
