import type { Queryable } from '../platform/db/db.port';
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
  async insert(db: Queryable, shopId: string, id: string, p: ProductInput): Promise<ProductRow> {
    const [row] = await db.query<ProductRow>(
      `INSERT INTO products (id, shop_id, title, description, price_minor, currency, stock, image_ids, options)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${columns}`,
      [id, shopId, p.title, p.description, p.priceMinor, p.currency, p.stock, JSON.stringify(p.imageIds ?? []), JSON.stringify(p.options ?? [])],
    );
    return row!;
  },

  async list(db: Queryable, shopId: string, limit: number): Promise<ProductRow[]> {
    return db.query<ProductRow>(`SELECT ${columns} FROM products WHERE shop_id = $1 ORDER BY created_at, id LIMIT $2`, [shopId, limit]);
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

  async update(db: Queryable, shopId: string, id: string, p: Partial<ProductInput>): Promise<ProductRow | undefined> {
    const [row] = await db.query<ProductRow>(
      `UPDATE products SET
         title = COALESCE($3, title), description = COALESCE($4, description),
         price_minor = COALESCE($5, price_minor), currency = COALESCE($6, currency), stock = COALESCE($7, stock),
         image_ids = COALESCE($8::jsonb, image_ids), options = COALESCE($9::jsonb, options)
       WHERE shop_id = $1 AND id = $2 RETURNING ${columns}`,
      [
        shopId, id, p.title ?? null, p.description ?? null, p.priceMinor ?? null, p.currency ?? null, p.stock ?? null,
        p.imageIds ? JSON.stringify(p.imageIds) : null, p.options ? JSON.stringify(p.options) : null,
      ],
    );
    return row;
  },

  async delete(db: Queryable, shopId: string, id: string): Promise<boolean> {
    return (await db.query(`DELETE FROM products WHERE shop_id = $1 AND id = $2 RETURNING id`, [shopId, id])).length > 0;
  },
};
