import type { Db, Queryable } from '../platform/db/db.port';
import { mapPage, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import { AppError } from '../kernel/app-error';
import { newId } from '../kernel/ids';
import type { Product, SkuInput } from '../contracts/catalog.schemas';
import type { Images } from './images.service';
import { productsRepo, toProduct, type ProductInput } from './products.repo';
import { checkSkus, skusRepo } from './skus';
import type { ItemChange } from './item-change';

/** With SKUs, the product's price is the lowest SKU price ("from …") and its stock their sum. */
function derived(skus: readonly SkuInput[]): { priceMinor: number; stock: number } | undefined {
  if (skus.length === 0) return undefined;
  return { priceMinor: Math.min(...skus.map((s) => s.priceMinor)), stock: skus.reduce((n, s) => n + s.stock, 0) };
}

/** A shop's own products with images, options and SKUs. Every call names the authorised shop. */
export function createProducts({ db, images, itemChange }: { db: Db; images: Pick<Images, 'assertOwned'>; itemChange: ItemChange }) {
  /** Runs `change`, then tells the watcher (after commit) that the product changed. */
  async function watched<T>(productId: string, change: () => Promise<T>): Promise<T> {
    const afterwards = await itemChange({ productId });
    const result = await change();
    await afterwards();
    return result;
  }

  async function load(queryable: Queryable, shopId: string, id: string): Promise<Product> {
    const row = await productsRepo.get(queryable, shopId, id);
    if (!row) throw new AppError('CATALOG_PRODUCT_NOT_FOUND');
    return toProduct(row, (await skusRepo.ofProducts(queryable, shopId, [id])).get(id) ?? []);
  }

  return {
    async create(shopId: string, input: ProductInput): Promise<Product> {
      const options = input.options ?? [];
      const skus = input.skus ?? [];
      checkSkus(options, skus);
      return db.transaction(async (tx) => {
        await images.assertOwned(tx, shopId, input.imageIds ?? []);
        const id = newId();
        await productsRepo.insert(tx, shopId, id, { ...input, ...derived(skus) });
        if (skus.length > 0) await skusRepo.replace(tx, shopId, id, options, skus);
        return load(tx, shopId, id);
      });
    },

    async list(shopId: string, query: PageQuery): Promise<Page<Product>> {
      const page = await productsRepo.page(db, shopId, query);
      const skus = await skusRepo.ofProducts(db, shopId, page.items.map((r) => r.id));
      return mapPage(page, (r) => toProduct(r, skus.get(r.id) ?? []));
    },

    /** Products of this shop among `ids` (others' ids are silently absent), by id. */
    async byIds(shopId: string, ids: readonly string[]): Promise<Map<string, Product>> {
      const rows = await productsRepo.byIds(db, shopId, ids);
      const skus = await skusRepo.ofProducts(db, shopId, rows.map((r) => r.id));
      return new Map(rows.map((r) => [r.id, toProduct(r, skus.get(r.id) ?? [])]));
    },

    get: (shopId: string, id: string): Promise<Product> => load(db, shopId, id),

    /** Any shop's product by id, and its shop (public pages, shares); undefined when there is none. */
    async publicGet(id: string): Promise<{ shopId: string; product: Product } | undefined> {
      const row = await productsRepo.getPublic(db, id);
      if (!row) return undefined;
      return { shopId: row.shopId, product: toProduct(row, (await skusRepo.ofProducts(db, row.shopId, [id])).get(id) ?? []) };
    },

    async update(shopId: string, id: string, patch: Partial<ProductInput>): Promise<Product> {
      return watched(id, () => db.transaction(async (tx) => {
        const current = await productsRepo.get(tx, shopId, id, true);
        if (!current) throw new AppError('CATALOG_PRODUCT_NOT_FOUND');
        if (patch.imageIds) await images.assertOwned(tx, shopId, patch.imageIds);
        let change: Partial<ProductInput> = patch;
        if (patch.options !== undefined || patch.skus !== undefined) {
          const options = patch.options ?? current.options;
          const skus = patch.skus ?? (await skusRepo.ofProducts(tx, shopId, [id])).get(id) ?? [];
          checkSkus(options, skus);
          await skusRepo.replace(tx, shopId, id, options, skus);
          change = { ...patch, options, ...derived(skus) };
        } else if ((await skusRepo.ofProducts(tx, shopId, [id])).has(id)) {
          // Price and stock of a product with SKUs follow its SKUs; they are not set directly.
          const { priceMinor: _p, stock: _s, ...rest } = patch;
          change = rest;
        }
        await productsRepo.update(tx, shopId, id, change);
        return load(tx, shopId, id);
      }));
    },

    async remove(shopId: string, id: string): Promise<void> {
      await watched(id, async () => {
        if (!(await productsRepo.delete(db, shopId, id))) throw new AppError('CATALOG_PRODUCT_NOT_FOUND');
      });
    },
  };
}

export type Products = ReturnType<typeof createProducts>;
