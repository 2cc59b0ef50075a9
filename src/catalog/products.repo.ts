import type { Queryable } from '../platform/db/db.port';
import { keyset, type KeysetRow, type Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { Product, Sku, SkuInput } from '../contracts/catalog.schemas';
import { imageUrl } from './images.service';
import type { ProductOption } from './skus';

interface ProductRow {
  id: string;
  title: string;
  description: string;
  priceMinor: string; // bigint arrives as a string
  currency: Product['currency'];
  stock: number;
  createdAt: Date;
  imageIds: string[];
  options: ProductOption[];
}

const columns = `id, title, description, price_minor AS "priceMinor", currency, stock, created_at AS "createdAt",
  image_ids AS "imageIds", options`;
export const toProduct = (r: ProductRow, skus: Sku[] = []): Product => ({
  id: r.id,
  title: r.title,
  description: r.description,
  priceMinor: Number(r.priceMinor),
  currency: r.currency,
  stock: r.stock,
  createdAt: r.createdAt.toISOString(),
  images: r.imageIds.map((id) => ({ id, url: imageUrl(id) })),
  options: r.options,
  skus,
});

export interface ProductInput {
  title: string;
  description: string;
  priceMinor: number;
  currency: Product['currency'];
  stock: number;
  imageIds?: string[] | undefined;
  options?: ProductOption[] | undefined;
  skus?: SkuInput[] | undefined;
}

/** Every statement is scoped by shop_id: a product id from another shop matches nothing. */
export const productsRepo = {
  async insert(db: Queryable, shopId: string, id: string, product: ProductInput): Promise<ProductRow> {
    const [row] = await db.query<ProductRow>(
      `INSERT INTO products (id, shop_id, title, description, price_minor, currency, stock, image_ids, options)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${columns}`,
      [id, shopId, product.title, product.description, product.priceMinor, product.currency, product.stock, JSON.stringify(product.imageIds ?? []), JSON.stringify(product.options ?? [])],
    );
    return row!;
  },

  /** Oldest first. */
  async page(db: Queryable, shopId: string, query: PageQuery): Promise<Page<ProductRow>> {
    const ks = keyset(query, { key: 'created_at', keyType: 'timestamptz' }, 2);
    return ks.page(await db.query<ProductRow & KeysetRow>(`SELECT ${columns}, ${ks.keyColumns} FROM products WHERE shop_id = $1 ${ks.where} ${ks.orderLimit}`, [shopId, ...ks.params]));
  },

  async byIds(db: Queryable, shopId: string, ids: readonly string[]): Promise<ProductRow[]> {
    if (ids.length === 0) return [];
    return db.query<ProductRow>(`SELECT ${columns} FROM products WHERE shop_id = $1 AND id = ANY($2::uuid[])`, [shopId, ids]);
  },

  async get(db: Queryable, shopId: string, id: string, forUpdate = false): Promise<ProductRow | undefined> {
    const [row] = await db.query<ProductRow>(
      `SELECT ${columns} FROM products WHERE shop_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
      [shopId, id],
    );
    return row;
  },

  /** A product by id whatever its shop, with the shop: for public pages (a shared product's page). */
  async getPublic(db: Queryable, id: string): Promise<(ProductRow & { shopId: string }) | undefined> {
    const [row] = await db.query<ProductRow & { shopId: string }>(`SELECT ${columns}, shop_id AS "shopId" FROM products WHERE id = $1`, [id]);
    return row;
  },

  async update(db: Queryable, shopId: string, id: string, change: Partial<ProductInput>): Promise<ProductRow | undefined> {
    const [row] = await db.query<ProductRow>(
      `UPDATE products SET
         title = COALESCE($3, title), description = COALESCE($4, description),
         price_minor = COALESCE($5, price_minor), currency = COALESCE($6, currency), stock = COALESCE($7, stock),
         image_ids = COALESCE($8::jsonb, image_ids), options = COALESCE($9::jsonb, options)
       WHERE shop_id = $1 AND id = $2 RETURNING ${columns}`,
      [
        shopId, id, change.title ?? null, change.description ?? null, change.priceMinor ?? null, change.currency ?? null, change.stock ?? null,
        change.imageIds ? JSON.stringify(change.imageIds) : null, change.options ? JSON.stringify(change.options) : null,
      ],
    );
    return row;
  },

  async delete(db: Queryable, shopId: string, id: string): Promise<boolean> {
    return (await db.query(`DELETE FROM products WHERE shop_id = $1 AND id = $2 RETURNING id`, [shopId, id])).length > 0;
  },
};
