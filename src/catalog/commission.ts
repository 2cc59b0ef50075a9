import type { Db, Queryable } from '../platform/db/db.port';
import type { CommissionRates } from '../contracts/catalog.schemas';
import { marketplaces, type Marketplace } from '../contracts/links.schemas';

/**
 * A shop's default commission rates (basis points) for its own goods and for each marketplace.
 * A rate never set is 0. A listing's own rate, when set, overrides its marketplace's default.
 */
export function createCommission({ db }: { db: Db }) {
  return {
    async get(shopId: string, queryable: Queryable = db): Promise<CommissionRates> {
      const rows = await queryable.query<{ marketplace: string; rateBp: number }>(
        `SELECT marketplace, rate_bp AS "rateBp" FROM commission_defaults WHERE shop_id = $1`,
        [shopId],
      );
      const byKey = new Map(rows.map((r) => [r.marketplace, r.rateBp]));
      return {
        own: byKey.get('own') ?? 0,
        marketplaces: Object.fromEntries(marketplaces.map((m) => [m, byKey.get(m) ?? 0])) as Record<Marketplace, number>,
      };
    },

    async set(shopId: string, change: { own?: number | undefined; marketplaces?: Partial<Record<Marketplace, number>> | undefined }): Promise<CommissionRates> {
      const entries: [string, number][] = [
        ...(change.own !== undefined ? [['own', change.own] as [string, number]] : []),
        ...Object.entries(change.marketplaces ?? {}).filter((e): e is [string, number] => e[1] !== undefined),
      ];
      await db.transaction(async (tx) => {
        for (const [marketplace, rate] of entries) {
          await tx.query(
            `INSERT INTO commission_defaults (shop_id, marketplace, rate_bp) VALUES ($1, $2, $3)
             ON CONFLICT (shop_id, marketplace) DO UPDATE SET rate_bp = $3`,
            [shopId, marketplace, rate],
          );
        }
      });
      return this.get(shopId);
    },
  };
}

export type Commission = ReturnType<typeof createCommission>;
