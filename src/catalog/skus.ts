import type { Queryable } from '../platform/db/db.port';
import { AppError } from '../kernel/app-error';
import { newId } from '../kernel/ids';
import type { Sku, SkuInput } from '../contracts/catalog.schemas';

export interface ProductOption {
  name: string;
  values: string[];
}

/** The option values of a SKU in option order: the key that makes a combination unique. */
const optionKey = (options: readonly ProductOption[], chosen: Record<string, string>) =>
  JSON.stringify(options.map((o) => chosen[o.name]));

/**
 * Checks SKUs against the product's options: every SKU names exactly one known value of every
 * option, and no combination appears twice. Throws a coded error naming the first problem.
 */
export function checkSkus(options: readonly ProductOption[], skus: readonly SkuInput[]): void {
  const names = options.map((o) => o.name);
  if (new Set(names).size !== names.length) throw new AppError('CATALOG_SKU_DUPLICATE', 'Two options have the same name.');
  for (const o of options) {
    if (new Set(o.values).size !== o.values.length) throw new AppError('CATALOG_SKU_DUPLICATE', `Option "${o.name}" lists a value twice.`);
  }
  const seen = new Set<string>();
  skus.forEach((s, i) => {
    const keys = Object.keys(s.options);
    const unknown = keys.find((k) => !names.includes(k));
    if (unknown !== undefined || keys.length !== names.length) {
      throw new AppError('CATALOG_SKU_OPTION_UNKNOWN', undefined, { sku: i, option: unknown ?? names.find((n) => !keys.includes(n)) });
    }
    for (const o of options) {
      if (!o.values.includes(s.options[o.name]!)) throw new AppError('CATALOG_SKU_OPTION_UNKNOWN', undefined, { sku: i, option: o.name, value: s.options[o.name] });
    }
    const key = optionKey(options, s.options);
    if (seen.has(key)) throw new AppError('CATALOG_SKU_DUPLICATE', undefined, { sku: i });
    seen.add(key);
  });
}

interface SkuRow {
  id: string;
  productId: string;
  options: Record<string, string>;
  priceMinor: string;
  stock: number;
}

const toSku = (r: SkuRow): Sku => ({ id: r.id, options: r.options, priceMinor: Number(r.priceMinor), stock: r.stock });

export const skusRepo = {
  /** SKUs of several products at once, grouped by product id, in their given order. */
  async ofProducts(db: Queryable, shopId: string, productIds: readonly string[]): Promise<Map<string, Sku[]>> {
    const out = new Map<string, Sku[]>();
    if (productIds.length === 0) return out;
    const rows = await db.query<SkuRow>(
      `SELECT id, product_id AS "productId", options, price_minor AS "priceMinor", stock FROM product_skus
       WHERE shop_id = $1 AND product_id = ANY($2::uuid[]) ORDER BY product_id, position`,
      [shopId, productIds],
    );
    for (const r of rows) out.set(r.productId, [...(out.get(r.productId) ?? []), toSku(r)]);
    return out;
  },

  /**
   * Makes the product's SKUs exactly `skus`. A combination that already exists keeps its id (orders
   * will point at SKU ids); combinations no longer listed are removed. Call inside a transaction.
   */
  async replace(tx: Queryable, shopId: string, productId: string, options: readonly ProductOption[], skus: readonly SkuInput[]): Promise<void> {
    const keys = skus.map((s) => optionKey(options, s.options));
    await tx.query(`DELETE FROM product_skus WHERE shop_id = $1 AND product_id = $2 AND NOT (option_key = ANY($3::text[]))`, [shopId, productId, keys]);
    if (skus.length === 0) return;
    // One statement for all of them, from one JSON parameter (the same on every adapter).
    const rows = skus.map((sku, i) => ({ id: newId(), position: i, options: sku.options, option_key: keys[i], price_minor: sku.priceMinor, stock: sku.stock }));
    await tx.query(
      `INSERT INTO product_skus (id, shop_id, product_id, position, options, option_key, price_minor, stock)
       SELECT id, $1, $2, position, options, option_key, price_minor, stock
       FROM jsonb_to_recordset($3::jsonb) AS s(id uuid, position integer, options jsonb, option_key text, price_minor bigint, stock integer)
       ON CONFLICT (product_id, option_key) DO UPDATE
         SET position = EXCLUDED.position, options = EXCLUDED.options, price_minor = EXCLUDED.price_minor, stock = EXCLUDED.stock`,
      [shopId, productId, JSON.stringify(rows)],
    );
  },
};
