import type { Db, Queryable } from '../platform/db/db.port';
import type { Result } from '../kernel/result';

/** Units of one product, or of one SKU of it (`skuId` null for a product without SKUs). */
export interface StockLine {
  productId: string;
  skuId: string | null;
  quantity: number;
}

export type StockShort = { ok: false; reason: 'short'; productId: string; skuId: string | null };

/** Lines of the same product and SKU summed (two lines must not each pass against the same count), in a fixed order. */
function combine(lines: readonly StockLine[]): StockLine[] {
  const byKey = new Map<string, StockLine>();
  for (const l of lines) {
    const key = `${l.productId}/${l.skuId ?? ''}`;
    const seen = byKey.get(key);
    byKey.set(key, { ...l, quantity: (seen?.quantity ?? 0) + l.quantity });
  }
  // One order of rows for every caller: two transactions taking the same SKUs never deadlock.
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, l]) => l);
}

/**
 * The stock of a shop's own products, for the contexts that sell them. Stock stays catalog's (the
 * product form sets it); every operation here runs in the caller's transaction, so an order and the
 * stock it takes commit together or not at all. A product with SKUs keeps its stock per SKU and the
 * product row holds their sum, kept in the same statement pair.
 *
 * Each change is one conditional statement (`stock >= n`) under the row lock PostgreSQL takes for
 * the UPDATE: two buyers at the last unit cannot both pass.
 */
export function createStock({ db }: { db: Db }) {
  async function change(tx: Queryable, shopId: string, l: StockLine, by: number, guard: boolean): Promise<boolean> {
    if (l.skuId) {
      const sku = await tx.query(
        `UPDATE product_skus SET stock = stock + $4 WHERE shop_id = $1 AND product_id = $2 AND id = $3${guard ? ' AND stock + $4 >= 0' : ''} RETURNING id`,
        [shopId, l.productId, l.skuId, by],
      );
      if (sku.length === 0) return false;
      await tx.query(`UPDATE products SET stock = stock + $3 WHERE shop_id = $1 AND id = $2`, [shopId, l.productId, by]);
      return true;
    }
    // A product with SKUs is only sold by SKU: its own row is their sum.
    const product = await tx.query(
      `UPDATE products SET stock = stock + $3 WHERE shop_id = $1 AND id = $2${guard ? ' AND stock + $3 >= 0' : ''}
         AND NOT EXISTS (SELECT 1 FROM product_skus WHERE product_id = $2) RETURNING id`,
      [shopId, l.productId, by],
    );
    return product.length > 0;
  }

  return {
    /**
     * Takes every line or reports the first that is short. On `short` some lines may already be
     * taken: the caller must roll its transaction back (throwing out of `db.transaction` does).
     */
    async take(tx: Queryable, shopId: string, lines: readonly StockLine[]): Promise<{ ok: true } | StockShort> {
      for (const l of combine(lines)) {
        if (!(await change(tx, shopId, l, -l.quantity, true))) return { ok: false, reason: 'short', productId: l.productId, skuId: l.skuId };
      }
      return { ok: true };
    },

    /** Gives units back (an order cancelled, expired or refunded). A product or SKU deleted since takes nothing back. */
    async putBack(tx: Queryable, shopId: string, lines: readonly StockLine[]): Promise<void> {
      for (const l of combine(lines)) await change(tx, shopId, l, l.quantity, false);
    },

    /**
     * Sets the stock of a product or SKU to `stock` if it is still `expected` (what the merchant saw):
     * an order that took a unit meanwhile makes this answer `changed` instead of silently undoing it.
     */
    async set(shopId: string, line: Omit<StockLine, 'quantity'>, stock: number, expected: number): Promise<Result<object, { reason: 'changed' | 'not_found' }>> {
      return db.transaction(async (tx) => {
        const [row] = await tx.query<{ stock: number }>(
          line.skuId
            ? `SELECT stock FROM product_skus WHERE shop_id = $1 AND product_id = $2 AND id = $3 FOR UPDATE`
            : `SELECT stock FROM products WHERE shop_id = $1 AND id = $2 AND NOT EXISTS (SELECT 1 FROM product_skus WHERE product_id = $2) FOR UPDATE`,
          line.skuId ? [shopId, line.productId, line.skuId] : [shopId, line.productId],
        );
        if (!row) return { ok: false, reason: 'not_found' };
        if (row.stock !== expected) return { ok: false, reason: 'changed' };
        if (!(await change(tx, shopId, { ...line, quantity: 0 }, stock - expected, true))) return { ok: false, reason: 'changed' };
        return { ok: true };
      });
    },

    /** Stock of each product and SKU of the shop among `productIds`, by `productId/skuId` ('' for no SKU). */
    async levels(shopId: string, productIds: readonly string[]): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      if (productIds.length === 0) return out;
      const rows = await db.query<{ productId: string; skuId: string | null; stock: number }>(
        `SELECT p.id AS "productId", s.id AS "skuId", COALESCE(s.stock, p.stock) AS stock
           FROM products p LEFT JOIN product_skus s ON s.product_id = p.id
          WHERE p.shop_id = $1 AND p.id = ANY($2::uuid[])`,
        [shopId, productIds],
      );
      for (const r of rows) out.set(`${r.productId}/${r.skuId ?? ''}`, r.stock);
      return out;
    },
  };
}

export type Stock = ReturnType<typeof createStock>;
