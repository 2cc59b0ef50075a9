import type { Db } from '../platform/db/db.port';
import { AppError } from '../kernel/app-error';
import type { Page } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import type { z } from 'zod';
import type { shopShare } from '../contracts/shares.schemas';
import { sharesRepo, type ShareRow } from './shares.repo';
import type { Targets } from './targets';

type ShopShare = z.infer<typeof shopShare>;

/** A shop's view of its shares: what each leads to, who shared it, its visits. */
export function createShopShares({ db, targets, displayNames }: { db: Db; targets: Targets; displayNames(ids: readonly string[]): Promise<Map<string, string>> }) {
  async function present(rows: (ShareRow & { visits: number })[]): Promise<ShopShare[]> {
    const names = await displayNames(rows.flatMap((r) => (r.sharerId ? [r.sharerId] : [])));
    return Promise.all(
      rows.map(async (r) => ({
        code: r.code,
        target: (await targets.of(r)) ?? null,
        channel: r.channel,
        sharer: r.sharerId ? { id: r.sharerId, name: names.get(r.sharerId) ?? '' } : null,
        createdAt: r.createdAt.toISOString(),
        expiresAt: r.expiresAt.toISOString(),
        revokedAt: r.revokedAt?.toISOString() ?? null,
        visits: r.visits,
      })),
    );
  }

  return {
    async list(shopId: string, query: PageQuery): Promise<{ shares: ShopShare[]; next: string | null }> {
      const page: Page<ShareRow & { visits: number }> = await sharesRepo.pageOfShop(db, shopId, query);
      return { shares: await present(page.items), next: page.next };
    },

    async one(shopId: string, code: string): Promise<ShopShare> {
      const row = await sharesRepo.get(db, code);
      if (!row || row.shopId !== shopId) throw new AppError('SHARES_NOT_FOUND');
      const visits = await sharesRepo.countVisits(db, code);
      const [shown] = await present([{ ...row, visits }]);
      return shown!;
    },
  };
}

export type ShopShares = ReturnType<typeof createShopShares>;
