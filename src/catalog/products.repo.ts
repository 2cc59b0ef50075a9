import type { Queryable } from '../platform/db/db.port';
import type { Product } from '../contracts/catalog.schemas';

interface ProductRow extends Omit<Product, 'priceMinor' | 'createdAt'> {
  priceMinor: string; // bigint arrives as a string
  createdAt: Date;
}

const columns = `id, title, description, price_minor AS "priceMinor", currency, stock, created_at AS "createdAt"`;
const toProduct = (r: ProductRow): Product => ({ ...r, priceMinor: Number(r.priceMinor), createdAt: r.createdAt.toISOString() });

export type ProductInput = Pick<Product, 'title' | 'description' | 'priceMinor' | 'currency' | 'stock'>;

/** Every statement is scoped by shop_id: a product id from another shop matches nothing. */
export const productsRepo = {
  async insert(db: Queryable, shopId: string, id: string, p: ProductInput): Promise<Product> {
    const [row] = await db.query<ProductRow>(
      `INSERT INTO products (id, shop_id, title, description, price_minor, currency, stock)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
      [id, shopId, p.title, p.description, p.priceMinor, p.currency, p.stock],
    );
    return toProduct(row!);
  },

  async list(db: Queryable, shopId: string, limit: number): Promise<Product[]> {
    const rows = await db.query<ProductRow>(
      `SELECT ${columns} FROM products WHERE shop_id = $1 ORDER BY created_at, id LIMIT $2`,
      [shopId, limit],
    );
    return rows.map(toProduct);
  },

  async get(db: Queryable, shopId: string, id: string): Promise<Product | undefined> {
    const [row] = await db.query<ProductRow>(`SELECT ${columns} FROM products WHERE shop_id = $1 AND id = $2`, [shopId, id]);
    return row && toProduct(row);
  },

  async update(db: Queryable, shopId: string, id: string, p: Partial<ProductInput>): Promise<Product | undefined> {
    const [row] = await db.query<ProductRow>(
      `UPDATE products SET
         title = COALESCE($3, title), description = COALESCE($4, description),
         price_minor = COALESCE($5, price_minor), currency = COALESCE($6, currency), stock = COALESCE($7, stock)
       WHERE shop_id = $1 AND id = $2 RETURNING ${columns}`,
      [shopId, id, p.title ?? null, p.description ?? null, p.priceMinor ?? null, p.currency ?? null, p.stock ?? null],
    );
    return row && toProduct(row);
  },

  async delete(db: Queryable, shopId: string, id: string): Promise<boolean> {
    return (await db.query(`DELETE FROM products WHERE shop_id = $1 AND id = $2 RETURNING id`, [shopId, id])).length > 0;
  },
};
